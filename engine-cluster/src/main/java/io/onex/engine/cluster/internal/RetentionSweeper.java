package io.onex.engine.cluster.internal;

import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.client.InstanceControls;
import io.onex.engine.core.client.InstancePage;
import io.onex.engine.core.client.InstanceQuery;
import io.onex.engine.core.client.InstanceSummary;
import io.onex.engine.persistence.HistoryInspector;
import io.onex.engine.persistence.InstanceIndex;
import io.onex.engine.persistence.InstanceRetention;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A cluster singleton that applies {@code onex.retention}: every {@code interval} it lists from the
 * instance index the instances that ended before {@code completed-after} ago, and for each, one at
 * a time, exports its history to the export directory and then erases it ({@link
 * InstanceControls#erase}). An instance whose export fails is not erased; the next sweep tries it
 * again.
 */
final class RetentionSweeper {

  /** What retention does: instances that ended this long ago, exported to {@code exportDir}. */
  record Settings(Duration completedAfter, Path exportDir, Duration interval, int batch) {}

  private enum Tick {
    INSTANCE
  }

  private final Settings settings;
  private final InstanceIndex index;
  private final HistoryInspector history;
  private final InstanceControls controls;
  private final Clock clock;
  private final Executor blocking;

  private RetentionSweeper(
      Settings settings,
      InstanceIndex index,
      HistoryInspector history,
      InstanceControls controls,
      Clock clock,
      Executor blocking) {
    this.settings = settings;
    this.index = index;
    this.history = history;
    this.controls = controls;
    this.clock = clock;
    this.blocking = blocking;
  }

  static Behavior<Object> create(
      Settings settings,
      InstanceIndex index,
      HistoryInspector history,
      InstanceControls controls,
      Clock clock,
      Executor blocking) {
    RetentionSweeper sweeper =
        new RetentionSweeper(settings, index, history, controls, clock, blocking);
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.interval());
                  return Behaviors.receive(Object.class)
                      .onMessageEquals(
                          Tick.INSTANCE,
                          () -> {
                            timers.cancel(Tick.INSTANCE);
                            context.pipeToSelf(
                                sweeper.sweep(),
                                (count, error) -> {
                                  if (error != null) {
                                    context
                                        .getLog()
                                        .warn("Retention sweep failed: {}", error.toString());
                                  } else if (count > 0) {
                                    context
                                        .getLog()
                                        .info(
                                            "Retention exported and erased {} ended instances",
                                            count);
                                  }
                                  return Done.INSTANCE;
                                });
                            return Behaviors.same();
                          })
                      .onMessageEquals(
                          Done.INSTANCE,
                          () -> {
                            timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.interval());
                            return Behaviors.same();
                          })
                      .build();
                }));
  }

  private enum Done {
    INSTANCE
  }

  /** One sweep over every instance past the age; completes with how many it erased. */
  CompletionStage<Long> sweep() {
    InstanceQuery query =
        InstanceQuery.all()
            .withStatus(InstanceStatus.COMPLETED, InstanceStatus.FAILED, InstanceStatus.CANCELLED)
            .withUpdatedBefore(clock.instant().minus(settings.completedAfter()))
            .withPageSize(settings.batch());
    return pages(query, 0L);
  }

  private CompletionStage<Long> pages(InstanceQuery query, long erased) {
    return index
        .list(query)
        .thenCompose(
            (InstancePage page) -> {
              CompletionStage<Long> done = CompletableFuture.completedFuture(erased);
              for (InstanceSummary row : page.instances()) {
                done = done.thenCompose(count -> retire(row).thenApply(ok -> count + 1));
              }
              return page.nextPageToken() == null
                  ? done
                  : done.thenCompose(
                      count -> pages(query.withPageToken(page.nextPageToken()), count));
            });
  }

  private CompletionStage<Void> retire(InstanceSummary row) {
    return history
        .history(row.type(), row.instanceId())
        .thenApplyAsync(events -> InstanceRetention.export(events, settings.exportDir()), blocking)
        .thenCompose(file -> controls.erase(row.type(), row.instanceId()));
  }
}
