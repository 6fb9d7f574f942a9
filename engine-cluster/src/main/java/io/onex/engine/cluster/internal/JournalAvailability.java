package io.onex.engine.cluster.internal;

import io.onex.engine.core.error.EngineUnavailableException;
import io.onex.engine.persistence.HistoryInspector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the journal database answers, as a probe every {@code onex.journal.probe-interval} finds:
 * while it does not, starts and actions are refused at once (503, reason {@value
 * EngineUnavailableException#JOURNAL_UNREACHABLE}) instead of each waiting for the ask timeout, and
 * those in flight when the outage is found are answered the same way. Once a probe succeeds
 * requests pass again; the instances themselves recover by their own restart with backoff.
 */
final class JournalAvailability {

  private static final Logger log = LoggerFactory.getLogger(JournalAvailability.class);

  private final HistoryInspector journal;
  private final Duration probeTimeout;
  private final Clock clock;
  private final AtomicBoolean probing = new AtomicBoolean();
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile Instant unreachableSince;
  private volatile String lastError;
  private volatile boolean stopped;

  private JournalAvailability(HistoryInspector journal, Duration probeTimeout, Clock clock) {
    this.journal = journal;
    this.probeTimeout = probeTimeout;
    this.clock = clock;
  }

  /** Probes the journal of {@code system} every {@code interval} while the system runs. */
  static JournalAvailability start(
      ActorSystem<?> system,
      HistoryInspector journal,
      Duration interval,
      Duration probeTimeout,
      Clock clock) {
    JournalAvailability availability = new JournalAvailability(journal, probeTimeout, clock);
    Cancellable probes =
        system
            .scheduler()
            .scheduleWithFixedDelay(
                interval, interval, availability::probe, system.executionContext());
    // the journal closes with the node: a probe then would report an outage that is a shutdown
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "onex-journal-probe",
            () -> {
              availability.stopped = true;
              probes.cancel();
              return CompletableFuture.completedFuture(Done.done());
            });
    return availability;
  }

  /**
   * Runs {@code call} unless the journal is known to be unreachable, and answers it as unavailable
   * if an outage is found before it completes.
   */
  <T> CompletionStage<T> guard(Supplier<CompletionStage<T>> call) {
    if (unreachableSince != null) {
      return CompletableFuture.failedFuture(unreachable());
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    inFlight.add(result);
    call.get()
        .whenComplete(
            (value, error) -> {
              inFlight.remove(result);
              if (error != null) {
                result.completeExceptionally(error);
              } else {
                result.complete(value);
              }
            });
    return result;
  }

  private void probe() {
    if (stopped || !probing.compareAndSet(false, true)) {
      return;
    }
    journal
        .ping()
        .toCompletableFuture()
        .orTimeout(probeTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (done, error) -> {
              probing.set(false);
              if (stopped) {
                return;
              }
              if (error == null) {
                reachable();
              } else {
                unreachable(error);
              }
            });
  }

  private void reachable() {
    if (unreachableSince != null) {
      log.info("The journal answers again, after an outage since {}", unreachableSince);
      unreachableSince = null;
    }
  }

  private void unreachable(Throwable error) {
    lastError = InstanceRequests.rootCause(error);
    if (unreachableSince == null) {
      unreachableSince = clock.instant();
      log.warn("The journal does not answer; refusing starts and actions: {}", lastError);
    }
    EngineUnavailableException refusal = unreachable();
    for (CompletableFuture<?> request : inFlight) {
      request.completeExceptionally(refusal);
    }
    inFlight.clear();
  }

  private EngineUnavailableException unreachable() {
    return new EngineUnavailableException(
        "Expected the journal database to answer, but it has not answered since "
            + unreachableSince
            + " ("
            + lastError
            + "); nothing was changed, try again once it is back",
        null,
        EngineUnavailableException.JOURNAL_UNREACHABLE);
  }
}
