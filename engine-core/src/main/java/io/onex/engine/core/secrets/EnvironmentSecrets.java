package io.onex.engine.core.secrets;

import com.typesafe.config.Config;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets held in environment variables: secret {@code journal-password} is the variable {@code
 * ONEX_SECRET_JOURNAL_PASSWORD} (the prefix of {@code onex.secrets.env.prefix}, then the name upper
 * case with every character other than a letter or digit as {@code _}). An empty variable holds no
 * secret. Immutable.
 */
public final class EnvironmentSecrets implements SecretProvider {

  private final Map<String, String> environment;
  private String prefix = "ONEX_SECRET_";

  /** Reads this process's environment. */
  public EnvironmentSecrets() {
    this(System.getenv());
  }

  /** Reads {@code environment} instead of the process's, for tests and embedding. */
  public EnvironmentSecrets(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String name() {
    return "env";
  }

  @Override
  public void configure(Config secrets) {
    if (secrets.hasPath("env.prefix")) {
      prefix = secrets.getString("env.prefix");
    }
  }

  /** The variable that holds secret {@code name}. */
  public String variable(String name) {
    return prefix + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  @Override
  public String where(String name) {
    return "environment variable " + variable(name);
  }

  @Override
  public Optional<String> secret(String name) {
    return Optional.ofNullable(environment.get(variable(name))).filter(value -> !value.isEmpty());
  }
}
