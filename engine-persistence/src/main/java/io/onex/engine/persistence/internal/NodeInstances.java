package io.onex.engine.persistence.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.engine.core.Intent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The instances running on this node and the timers they hold pending, as the gauges {@code
 * onex.instances.active} and {@code onex.timers.pending}. An instance that awaits a timer is never
 * passivated, so the timers the nodes report add up to the cluster's. Thread-safe.
 */
final class NodeInstances {

  private final Map<String, Integer> timersByInstance = new ConcurrentHashMap<>();
  private final AtomicLong timers = new AtomicLong();

  NodeInstances(MeterRegistry metrics) {
    Gauge.builder("onex.instances.active", timersByInstance, Map::size)
        .description("Workflow instances running (in memory) on this node")
        .register(metrics);
    Gauge.builder("onex.timers.pending", timers, AtomicLong::get)
        .description("Durable timers pending on the instances running on this node")
        .register(metrics);
  }

  /** Instance {@code key} runs here, awaiting {@code pending} (timers among others). */
  void holds(String key, List<Intent> pending) {
    int pendingTimers = (int) pending.stream().filter(DurableTimers::isTimer).count();
    Integer before = timersByInstance.put(key, pendingTimers);
    timers.addAndGet(pendingTimers - (before == null ? 0 : before));
  }

  /** Instance {@code key} stopped here. */
  void stopped(String key) {
    Integer before = timersByInstance.remove(key);
    if (before != null) {
      timers.addAndGet(-before);
    }
  }
}
