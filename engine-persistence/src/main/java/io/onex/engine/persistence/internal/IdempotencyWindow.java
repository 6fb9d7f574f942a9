package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.persistence.InstanceReply;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answers an instance gave to requests that carried an idempotency key, so that a repeated
 * request gets the original answer and journals nothing. Bounded by count and age (measured in
 * event time, so recovery rebuilds exactly the same window). Immutable.
 */
@InternalApi
public record IdempotencyWindow(Map<String, Entry> entries) {

  /** One remembered answer: when the request was applied and what it was answered. */
  public record Entry(Instant appliedAt, InstanceReply.Accepted reply) {}

  public static final IdempotencyWindow EMPTY = new IdempotencyWindow(Map.of());

  public IdempotencyWindow {
    entries =
        Collections.unmodifiableMap(new LinkedHashMap<>(entries == null ? Map.of() : entries));
  }

  /** The answer remembered for {@code key}, if it is still in the window. */
  public Optional<InstanceReply.Accepted> find(String key) {
    Entry entry = key == null ? null : entries.get(key);
    return entry == null ? Optional.empty() : Optional.of(entry.reply());
  }

  /**
   * This window plus {@code reply} for {@code key}, without the entries older than {@code maxAge}
   * before {@code appliedAt} and the oldest beyond {@code maxKeys}.
   */
  public IdempotencyWindow with(
      String key, Instant appliedAt, InstanceReply.Accepted reply, int maxKeys, Duration maxAge) {
    LinkedHashMap<String, Entry> next = new LinkedHashMap<>(entries);
    next.remove(key);
    next.put(key, new Entry(appliedAt, reply));
    Instant oldestKept = appliedAt.minus(maxAge);
    Iterator<Entry> eldestFirst = next.values().iterator();
    while (eldestFirst.hasNext()) {
      Entry entry = eldestFirst.next();
      if (next.size() > maxKeys || entry.appliedAt().isBefore(oldestKept)) {
        eldestFirst.remove();
      } else {
        break;
      }
    }
    return new IdempotencyWindow(next);
  }
}
