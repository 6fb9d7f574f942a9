package io.onex.engine.cluster.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.engine.persistence.InstanceIndex;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@code onex.index.lag}: events journaled but not yet in the instance index, measured
 * every {@code onex.index.lag-interval} (-1 until first measured, or while it cannot be).
 */
final class IndexLag {

  private static final Logger log = LoggerFactory.getLogger(IndexLag.class);

  private IndexLag() {}

  static void register(
      ActorSystem<?> system, InstanceIndex index, MeterRegistry metrics, Duration interval) {
    AtomicLong lag = new AtomicLong(-1);
    Gauge.builder("onex.index.lag", lag, AtomicLong::get)
        .description("Events journaled but not yet in the instance index")
        .register(metrics);
    system
        .scheduler()
        .scheduleWithFixedDelay(
            interval,
            interval,
            () ->
                index
                    .lag()
                    .whenComplete(
                        (measured, error) -> {
                          if (error != null) {
                            log.debug("Could not measure the instance index's lag: {}", error);
                            lag.set(-1);
                          } else {
                            lag.set(measured);
                          }
                        }),
            system.executionContext());
  }
}
