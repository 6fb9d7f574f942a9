package io.onex.engine.effects;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/**
 * How the intent executor runs, read from {@code onex.effects}: how many intents run at once, and
 * how often and how far apart the delivery of an outcome to its instance is tried. Immutable;
 * {@link #fromConfig} rejects a value out of range with a {@link ConfigException} naming the key.
 *
 * <p>An outcome is delivered until its instance has taken it: the executor never gives an intent up
 * while the node runs. Tries are spaced from {@code redeliveryBackoff}, doubling up to {@code
 * redeliveryMaxBackoff}; after {@code redeliveryAttempts} tries it logs that the outcome is
 * overdue.
 *
 * @param maxConcurrency intents carried out at once on this node (at least 1)
 * @param redeliveryAttempts tries after which an undelivered outcome is logged as overdue
 * @param redeliveryBackoff the pause before the second try
 * @param redeliveryMaxBackoff the longest pause between tries
 */
public record ExecutorSettings(
    int maxConcurrency,
    int redeliveryAttempts,
    Duration redeliveryBackoff,
    Duration redeliveryMaxBackoff) {

  public ExecutorSettings {
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException(
          "max-concurrency must be at least 1, was " + maxConcurrency);
    }
  }

  /** Reads {@code effects}, the {@code onex.effects} section of a resolved configuration. */
  public static ExecutorSettings fromConfig(Config effects) {
    int maxConcurrency = effects.getInt("max-concurrency");
    if (maxConcurrency < 1) {
      throw new ConfigException.BadValue(
          effects.origin(),
          "onex.effects.max-concurrency",
          "expected at least 1, but got " + maxConcurrency);
    }
    return new ExecutorSettings(
        maxConcurrency,
        effects.getInt("outcome-delivery.attempts"),
        effects.getDuration("outcome-delivery.backoff"),
        effects.getDuration("outcome-delivery.max-backoff"));
  }
}
