package io.onex.engine.persistence;

import io.onex.engine.core.secrets.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Creates the journal tables when they are missing. The scripts are idempotent, so this runs at
 * every start; it runs before the actor system uses the journal.
 */
public final class JournalSchema {

  private JournalSchema() {}

  /** Applies the dialect's schema script to the journal database. */
  public static void ensure(JournalSettings settings) {
    String script = load(settings.dialect().schemaScript());
    try (Connection connection =
            DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        Statement statement = connection.createStatement()) {
      for (String sql : statements(script)) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not create the journal schema in "
              + Redaction.url(settings.url())
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static String[] statements(String script) {
    String withoutComments = script.replaceAll("(?m)^--.*$", "");
    return Arrays.stream(withoutComments.split(";"))
        .map(String::trim)
        .filter(sql -> !sql.isEmpty())
        .toArray(String[]::new);
  }

  private static String load(String resource) {
    try (InputStream in = JournalSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing schema script " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
