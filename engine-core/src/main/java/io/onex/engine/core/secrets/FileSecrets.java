package io.onex.engine.core.secrets;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Secrets held one per file in a directory, as Kubernetes and Docker mount them: secret {@code
 * journal-password} is the file {@code <onex.secrets.file.dir>/journal-password} ({@code
 * /run/secrets} by default), read as UTF-8 with one trailing line break dropped. A missing file
 * holds no secret; an unreadable one fails naming the file. Names are confined to the directory.
 */
public final class FileSecrets implements SecretProvider {

  private Path directory = Path.of("/run/secrets");

  @Override
  public String name() {
    return "file";
  }

  @Override
  public void configure(Config secrets) {
    if (secrets.hasPath("file.dir")) {
      directory = Path.of(secrets.getString("file.dir"));
    }
  }

  @Override
  public String where(String name) {
    return "file " + directory.resolve(name);
  }

  @Override
  public Optional<String> secret(String name) {
    Path file = directory.resolve(name).normalize();
    if (!file.getParent().equals(directory.normalize()) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8);
      if (value.endsWith("\r\n")) {
        value = value.substring(0, value.length() - 2);
      } else if (value.endsWith("\n")) {
        value = value.substring(0, value.length() - 1);
      }
      return Optional.of(value);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read secret file " + file, e);
    }
  }
}
