package io.onex.engine.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.onex.engine.core.WorkflowEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Removes ended instances from the journal database: {@link #export} writes an instance's history
 * as NDJSON (one file per instance, {@code <dir>/<type>/<id>.ndjson}, which {@code history import}
 * reads back), and {@link #erase} deletes its events (their tags with them), snapshots, index entry
 * and bookkeeping rows in one transaction, so that nothing of it is left. The journal plugin offers
 * no such delete (it keeps the highest event as a marker), so this runs the SQL itself, on the
 * tables of the engine's own journal schema. Callers must make sure the instance has ended and is
 * not running. Thread-safe; blocking work runs on {@code blocking}.
 */
public final class InstanceRetention implements AutoCloseable {

  private static final List<String> ERASE =
      List.of(
          "DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ?",
          "DELETE FROM \"snapshot\" WHERE \"persistence_id\" = ?",
          "DELETE FROM onex_instance_attributes WHERE workflow_type = ? AND instance_id = ?",
          "DELETE FROM onex_instances WHERE workflow_type = ? AND instance_id = ?",
          "DELETE FROM onex_awaiting_instances WHERE workflow_type = ? AND instance_id = ?",
          "DELETE FROM onex_diverged_instances WHERE workflow_type = ? AND instance_id = ?");

  private final HikariDataSource pool;
  private final Executor blocking;

  private InstanceRetention(HikariDataSource pool, Executor blocking) {
    this.pool = pool;
    this.blocking = blocking;
  }

  /** Opens a small connection pool on the journal database of {@code journal}. */
  public static InstanceRetention open(JournalSettings journal, Executor blocking) {
    return new InstanceRetention(journal.openPool("onex-retention", 2), blocking);
  }

  /**
   * Writes {@code history} to {@code <dir>/<type>/<id>.ndjson}, replacing the file whole (written
   * aside, then moved), and returns the file.
   */
  public static Path export(List<WorkflowEvent> history, Path dir) {
    WorkflowEvent first = history.get(0);
    Path file = dir.resolve(first.workflowType()).resolve(first.instanceId() + ".ndjson");
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        HistoryFiles.write(history, out);
      }
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not export a history to " + file, e);
    }
  }

  /** Deletes everything the journal database holds of the instance, in one transaction. */
  public CompletionStage<Void> erase(String workflowType, String instanceId) {
    return CompletableFuture.runAsync(
        () -> {
          try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
              for (String sql : ERASE) {
                try (PreparedStatement delete = connection.prepareStatement(sql)) {
                  if (sql.contains("persistence_id")) {
                    delete.setString(1, EventTags.persistenceId(workflowType, instanceId));
                  } else {
                    delete.setString(1, workflowType);
                    delete.setString(2, instanceId);
                  }
                  delete.executeUpdate();
                }
              }
              connection.commit();
            } catch (SQLException e) {
              connection.rollback();
              throw e;
            }
          } catch (SQLException e) {
            throw new IllegalStateException(
                "Could not erase instance '"
                    + instanceId
                    + "' of '"
                    + workflowType
                    + "': "
                    + e.getMessage(),
                e);
          }
        },
        blocking);
  }

  @Override
  public void close() {
    pool.close();
  }
}
