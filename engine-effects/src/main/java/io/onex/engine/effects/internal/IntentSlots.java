package io.onex.engine.effects.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.effects.ExecutorSettings;
import io.onex.engine.effects.internal.ExecutorCommand.Execute;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The executor's slots: intents waiting to run and those in flight, at most {@code max-concurrency}
 * on the node and at most a target's bulkhead of one target ({@code <handler type>:<target>}). The
 * next intent to start is the most urgent waiting one (by {@link
 * io.onex.engine.core.IntentPriority}, then arrival) whose target has a free slot, so a target at
 * its limit holds back only its own intents. Not thread-safe: owned by the executor actor.
 */
@InternalApi
final class IntentSlots {

  private record Queued(long arrival, Execute execute) {}

  private static final Comparator<Queued> MOST_URGENT_FIRST =
      Comparator.<Queued, Integer>comparing(q -> q.execute().intent().priority().ordinal())
          .thenComparingLong(Queued::arrival);

  /** One target's waiting intents and how many of its intents are in flight. */
  private static final class Bulkhead {
    final int limit;
    final PriorityQueue<Queued> waiting = new PriorityQueue<>(MOST_URGENT_FIRST);
    int running;

    Bulkhead(int limit) {
      this.limit = limit;
    }

    boolean canStart() {
      return running < limit && !waiting.isEmpty();
    }
  }

  private final ExecutorSettings settings;
  private final Map<String, Bulkhead> bulkheads = new HashMap<>();
  private long arrivals;
  private int running;
  private int waiting;

  IntentSlots(ExecutorSettings settings) {
    this.settings = settings;
  }

  /** Queues {@code execute} behind the intents already waiting. */
  void add(Execute execute) {
    bulkheadOf(execute).waiting.add(new Queued(arrivals++, execute));
    waiting++;
  }

  /**
   * Takes the next intent to run and counts it in flight, or returns {@code null} when the node is
   * full or every waiting intent's target is at its limit.
   */
  Execute takeNext() {
    if (running >= settings.maxConcurrency() || waiting == 0) {
      return null;
    }
    Bulkhead chosen = null;
    for (Bulkhead bulkhead : bulkheads.values()) {
      if (bulkhead.canStart()
          && (chosen == null
              || MOST_URGENT_FIRST.compare(bulkhead.waiting.peek(), chosen.waiting.peek()) < 0)) {
        chosen = bulkhead;
      }
    }
    if (chosen == null) {
      return null;
    }
    chosen.running++;
    running++;
    waiting--;
    return chosen.waiting.poll().execute();
  }

  /** Frees the slot of {@code execute}, which {@link #takeNext} returned. */
  void finished(Execute execute) {
    bulkheadOf(execute).running--;
    running--;
  }

  /** Intents waiting for a slot. */
  int waiting() {
    return waiting;
  }

  /** Intents in flight. */
  int running() {
    return running;
  }

  private Bulkhead bulkheadOf(Execute execute) {
    String target = execute.intent().type() + ":" + execute.intent().target();
    return bulkheads.computeIfAbsent(target, key -> new Bulkhead(settings.concurrencyOf(key)));
  }
}
