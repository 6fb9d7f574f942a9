package io.onex.engine.core.secrets;

import com.typesafe.config.Config;
import java.util.Optional;

/**
 * A source of secrets that configuration refers to as {@code "${secret:name}"}: the journal
 * password, JDBC handler passwords, HTTP target tokens, JWT keys, webhook signing keys. Built in
 * are {@code env} ({@link EnvironmentSecrets}) and {@code file} ({@link FileSecrets}); others (a
 * vault, a cloud secret manager) are found with {@link java.util.ServiceLoader} and used once
 * {@code onex.secrets.providers} names them.
 *
 * <p>A provider must never log, keep in an exception message or otherwise reveal a secret's value,
 * and must be thread-safe. A provider found by the service loader needs a public no-argument
 * constructor; it is {@linkplain #configure configured} before its first look-up.
 */
public interface SecretProvider {

  /** The name {@code onex.secrets.providers} lists it by. */
  String name();

  /** Receives {@code onex.secrets}; the provider's own settings sit under its {@link #name()}. */
  default void configure(Config secrets) {}

  /** The value of secret {@code name}, or empty when this provider does not hold it. */
  Optional<String> secret(String name);

  /** Where this provider looks for secret {@code name}, for error messages (never its value). */
  default String where(String name) {
    return name();
  }
}
