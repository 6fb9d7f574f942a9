package io.onex.engine.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gauge of a lag that takes a query to measure (events journaled but not yet indexed, or not yet
 * published): measured every interval on the node's scheduler, read from the last measurement, -1
 * until first measured and while it cannot be. Reading the gauge never queries anything.
 */
public final class LagGauge {

  private static final Logger log = LoggerFactory.getLogger(LagGauge.class);

  private LagGauge() {}

  /**
   * Registers gauge {@code name} in {@code metrics}, its value what {@code measure} last completed
   * with, measured every {@code interval} while {@code system} runs.
   */
  public static void register(
      ActorSystem<?> system,
      MeterRegistry metrics,
      String name,
      String description,
      Duration interval,
      Supplier<CompletionStage<Long>> measure) {
    AtomicLong lag = new AtomicLong(-1);
    Gauge.builder(name, lag, AtomicLong::get).description(description).register(metrics);
    system
        .scheduler()
        .scheduleWithFixedDelay(
            interval,
            interval,
            () ->
                measure
                    .get()
                    .whenComplete(
                        (measured, error) -> {
                          if (error != null) {
                            log.debug("Could not measure {}: {}", name, error.toString());
                            lag.set(-1);
                          } else {
                            lag.set(measured);
                          }
                        }),
            system.executionContext());
  }
}
