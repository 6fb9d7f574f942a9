package io.onex.engine.effects;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the intent executor runs, read from {@code onex.effects}: how many intents are in flight at
 * once on the node and per handler target (the bulkheads), and how often and how far apart the
 * delivery of an outcome to its instance is tried. Immutable; {@link #fromConfig} rejects a value
 * out of range with a {@link ConfigException} naming the key.
 *
 * <p>Effects mostly wait on I/O, so the node runs many at once; a bulkhead per target ({@code
 * <handler type>:<target>}) keeps one slow target from taking every slot. An outcome is delivered
 * until its instance has taken it: the executor never gives an intent up while the node runs. Tries
 * are spaced from {@code redeliveryBackoff}, doubling up to {@code redeliveryMaxBackoff}; after
 * {@code redeliveryAttempts} tries it logs that the outcome is overdue.
 *
 * @param maxConcurrency intents in flight at once on this node (at least 1)
 * @param maxConcurrencyPerTarget intents of one target in flight at once, unless {@code
 *     targetConcurrency} names the target (at least 1)
 * @param targetConcurrency the bulkhead of each named target, by {@code <handler type>:<target>}
 * @param redeliveryAttempts tries after which an undelivered outcome is logged as overdue
 * @param redeliveryBackoff the pause before the second try
 * @param redeliveryMaxBackoff the longest pause between tries
 */
public record ExecutorSettings(
    int maxConcurrency,
    int maxConcurrencyPerTarget,
    Map<String, Integer> targetConcurrency,
    int redeliveryAttempts,
    Duration redeliveryBackoff,
    Duration redeliveryMaxBackoff) {

  public ExecutorSettings {
    requirePositive("max-concurrency", maxConcurrency);
    requirePositive("bulkhead.max-concurrency", maxConcurrencyPerTarget);
    targetConcurrency.forEach((target, limit) -> requirePositive("bulkhead." + target, limit));
    targetConcurrency = Map.copyOf(targetConcurrency);
  }

  /**
   * Settings with one limit for every target and the given delivery retries.
   *
   * @see ExecutorSettings#ExecutorSettings
   */
  public static ExecutorSettings of(
      int maxConcurrency,
      int maxConcurrencyPerTarget,
      int redeliveryAttempts,
      Duration redeliveryBackoff,
      Duration redeliveryMaxBackoff) {
    return new ExecutorSettings(
        maxConcurrency,
        maxConcurrencyPerTarget,
        Map.of(),
        redeliveryAttempts,
        redeliveryBackoff,
        redeliveryMaxBackoff);
  }

  /** How many intents of {@code target} ({@code <handler type>:<target>}) may be in flight. */
  public int concurrencyOf(String target) {
    return targetConcurrency.getOrDefault(target, maxConcurrencyPerTarget);
  }

  /** Reads {@code effects}, the {@code onex.effects} section of a resolved configuration. */
  public static ExecutorSettings fromConfig(Config effects) {
    int maxConcurrency = positive(effects, "max-concurrency");
    int perTarget = positive(effects, "bulkhead.max-concurrency");
    Map<String, Integer> targets = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> entry : effects.getObject("bulkhead.targets").entrySet()) {
      String path = "bulkhead.targets.\"" + entry.getKey() + "\"";
      targets.put(entry.getKey(), positive(effects, path));
    }
    return new ExecutorSettings(
        maxConcurrency,
        perTarget,
        targets,
        effects.getInt("outcome-delivery.attempts"),
        effects.getDuration("outcome-delivery.backoff"),
        effects.getDuration("outcome-delivery.max-backoff"));
  }

  private static int positive(Config effects, String path) {
    int value = effects.getInt(path);
    if (value < 1) {
      throw new ConfigException.BadValue(
          effects.origin(), "onex.effects." + path, "expected at least 1, but got " + value);
    }
    return value;
  }

  private static void requirePositive(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, was " + value);
    }
  }
}
