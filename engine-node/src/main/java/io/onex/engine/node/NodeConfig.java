package io.onex.engine.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

/**
 * Loads a node's configuration, from the highest priority down: JVM system properties, the
 * environment overlay ({@code <environment>.conf} on the class path, chosen by {@code
 * ONEX_ENVIRONMENT} or {@code onex.environment}, {@code dev} by default), {@code application.conf},
 * and the modules' {@code reference.conf} files. {@code ONEX_*} environment variables are
 * substituted where reference.conf names them.
 */
public final class NodeConfig {

  private NodeConfig() {}

  /** The configuration of this process's node; fails naming the missing overlay if any. */
  public static Config load() {
    Config base =
        ConfigFactory.defaultOverrides()
            .withFallback(ConfigFactory.defaultApplication())
            .withFallback(ConfigFactory.defaultReferenceUnresolved())
            .resolve();
    return withOverlay(base.getString("onex.environment"));
  }

  /** The configuration with the overlay of {@code environment} applied. */
  public static Config withOverlay(String environment) {
    if (!environment.matches("[a-z0-9-]+")) {
      throw new ConfigException.BadValue(
          "onex.environment",
          "expected a name like dev, staging or prod, but got '" + environment + "'");
    }
    Config overlay =
        ConfigFactory.parseResources(
            environment + ".conf", ConfigParseOptions.defaults().setAllowMissing(false));
    return ConfigFactory.defaultOverrides()
        .withFallback(overlay)
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .resolve();
  }
}
