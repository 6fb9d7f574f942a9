package io.onex.engine.persistence.internal;

import io.onex.engine.core.Intent;
import io.onex.engine.core.TimerRequest;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.persistence.InstanceCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Arms the instance's durable timers: a timer intent is journaled like any intent, and its actor
 * timer is armed whenever the instance holds it pending (after its event is written, and again
 * after recovery). A timer due further ahead than the scheduler can wait is armed for {@link
 * #LONGEST_WAIT} and armed again when that passes, until it is due.
 */
final class DurableTimers {

  /** Well inside the Pekko scheduler's longest delay (about 248 days). */
  static final Duration LONGEST_WAIT = Duration.ofDays(30);

  private final TimerScheduler<InstanceCommand> timers;
  private final Clock clock;

  DurableTimers(TimerScheduler<InstanceCommand> timers, Clock clock) {
    this.timers = timers;
    this.clock = clock;
  }

  /** Whether {@code intent} is a timer, which the instance keeps itself. */
  static boolean isTimer(Intent intent) {
    return Intent.TIMER.equals(intent.type());
  }

  /** The request a timer intent carries. */
  static TimerRequest requestOf(Intent timer) {
    return EngineJson.mapper().convertValue(timer.payload(), TimerRequest.class);
  }

  /** Arms {@code timer} to signal the instance when it is due, or when the longest wait passed. */
  void arm(Intent timer) {
    Duration delay = Duration.between(clock.instant(), requestOf(timer).fireAt());
    Duration wait = delay.isNegative() ? Duration.ZERO : delay;
    timers.startSingleTimer(
        timer.intentId(),
        new InstanceCommand.FireTimer(timer.intentId()),
        wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
  }

  /** Whether {@code timer} is due now; one that is not was signalled after the longest wait. */
  boolean isDue(Intent timer) {
    Instant fireAt = requestOf(timer).fireAt();
    return !fireAt.isAfter(clock.instant());
  }
}
