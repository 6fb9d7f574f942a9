package io.onex.engine.cluster.registry.internal;

import com.typesafe.config.Config;
import java.time.Duration;

/** The registry's settings, read from {@code onex.registry}. */
record RegistrySettings(
    Duration ttl, Duration checkInterval, Duration removalAfter, Duration askTimeout) {

  static RegistrySettings fromConfig(Config config) {
    Config registry = config.getConfig("onex.registry");
    return new RegistrySettings(
        positive(registry, "ttl"),
        positive(registry, "check-interval"),
        positive(registry, "removal-after"),
        positive(registry, "ask-timeout"));
  }

  private static Duration positive(Config registry, String key) {
    Duration value = registry.getDuration(key);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "Expected onex.registry." + key + " to be a positive duration, but it is " + value);
    }
    return value;
  }
}
