package io.onex.engine.orchestrator.internal;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.InternalApi;
import java.time.Duration;
import java.util.Map;

/**
 * Durations written in specs ({@code 250ms}, {@code 10s}, {@code 5m}), read as Typesafe Config
 * does.
 */
@InternalApi
public final class Durations {

  private Durations() {}

  /** The duration {@code text} stands for; throws {@link IllegalArgumentException} otherwise. */
  public static Duration parse(String text) {
    try {
      return ConfigFactory.parseMap(Map.of("d", text)).getDuration("d");
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid duration '" + text + "': " + e.getMessage());
    }
  }
}
