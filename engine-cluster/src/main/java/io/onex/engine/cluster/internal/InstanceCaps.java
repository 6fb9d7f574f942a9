package io.onex.engine.cluster.internal;

import com.typesafe.config.Config;
import io.onex.engine.cluster.StartCheck;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.error.InstanceLimitException;
import io.onex.engine.persistence.InstanceIndex;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cap on unfinished instances per workflow type ({@code onex.instance.cap}): a start of a type
 * that has as many as its cap is refused with {@link InstanceLimitException}. The count is the
 * instance index's, measured every {@code refresh-interval}, plus the starts this node let through
 * that the index may not hold yet (a start is forgotten once a measurement finds the index caught
 * up at least {@link #SETTLE} after the start was let through, time enough for it to be journaled).
 * So the cap holds within the index's lag; a cluster may pass it by what its other nodes start
 * within one interval.
 */
final class InstanceCaps implements StartCheck {

  private static final Logger log = LoggerFactory.getLogger(InstanceCaps.class);

  private final long defaultCap;
  private final Map<String, Long> perType;
  private final ConcurrentMap<String, Count> counts = new ConcurrentHashMap<>();

  /** How long after a start was let through it is surely journaled, if it is at all. */
  private static final long SETTLE = Duration.ofSeconds(2).toNanos();

  /**
   * The unfinished instances of one type: as last indexed, and the times of the starts let through
   * here that the index may not hold yet.
   */
  private record Count(AtomicLong indexed, Queue<Long> startedHere) {

    Count() {
      this(new AtomicLong(), new ConcurrentLinkedQueue<>());
    }

    long total() {
      return indexed.get() + startedHere.size();
    }

    /** Forgets the starts let through before {@code time}, which the index now holds. */
    void indexedUpTo(long time) {
      Long oldest = startedHere.peek();
      while (oldest != null && oldest < time) {
        startedHere.poll();
        oldest = startedHere.peek();
      }
    }
  }

  private InstanceCaps(long defaultCap, Map<String, Long> perType) {
    this.defaultCap = defaultCap;
    this.perType = Map.copyOf(perType);
  }

  /**
   * The cap check {@code cap} configures, measuring from {@code index} while {@code system} runs;
   * {@code null} when no type is capped.
   */
  static InstanceCaps start(
      ActorSystem<?> system, Config cap, WorkflowRegistry registry, InstanceIndex index) {
    Map<String, Long> perType = new HashMap<>();
    Config types = cap.getConfig("types");
    types.root().keySet().forEach(type -> perType.put(type, types.getLong("\"" + type + "\"")));
    long defaultCap = cap.getLong("default");
    if (defaultCap < 0 || perType.values().stream().anyMatch(value -> value < 0)) {
      throw new IllegalArgumentException(
          "Expected onex.instance.cap.default and .types.* to be 0 (no cap) or more");
    }
    if (defaultCap == 0 && perType.values().stream().allMatch(value -> value == 0)) {
      return null;
    }
    InstanceCaps caps = new InstanceCaps(defaultCap, perType);
    Duration interval = cap.getDuration("refresh-interval");
    system
        .scheduler()
        .scheduleWithFixedDelay(
            Duration.ZERO,
            interval,
            () ->
                registry.types().stream()
                    .filter(type -> caps.capOf(type) > 0)
                    .forEach(type -> caps.measure(index, type)),
            system.executionContext());
    return caps;
  }

  private long capOf(String workflowType) {
    return perType.getOrDefault(workflowType, defaultCap);
  }

  private void measure(InstanceIndex index, String workflowType) {
    Count count = count(workflowType);
    long settled = System.nanoTime() - SETTLE;
    index
        .lag()
        .thenCompose(
            lag ->
                index
                    .counts(workflowType)
                    .thenApply(
                        indexed -> {
                          count.indexed().set(indexed.unfinished());
                          if (lag == 0) {
                            count.indexedUpTo(settled);
                          }
                          return lag;
                        }))
        .whenComplete(
            (lag, error) -> {
              if (error != null) {
                log.debug(
                    "Could not count the instances of {}: {}", workflowType, error.toString());
              }
            });
  }

  private Count count(String workflowType) {
    return counts.computeIfAbsent(workflowType, type -> new Count());
  }

  @Override
  public void check(WorkflowDefinition<?, ?> definition, String instanceId) {
    long cap = capOf(definition.type());
    if (cap <= 0) {
      return;
    }
    Count count = count(definition.type());
    if (count.total() >= cap) {
      throw new InstanceLimitException(definition.type(), cap);
    }
    count.startedHere().add(System.nanoTime());
  }
}
