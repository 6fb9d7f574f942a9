package io.onex.engine.persistence;

import com.typesafe.config.Config;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.persistence.internal.CodecWarmUp;
import io.onex.engine.persistence.internal.JournalWarmUp;
import io.onex.engine.persistence.internal.WorkflowInstanceBehavior;
import io.onex.engine.persistence.internal.WorkflowRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The workflow instances of a node as persistent actors: one {@link #behavior} per instance, keyed
 * by {@code <workflowType, instanceId>} and journaled under persistence id {@code
 * <workflowType>|<instanceId>}, speaking {@link InstanceCommand}. Whoever hosts them (Cluster
 * Sharding, in a node) creates one per id and never two at once.
 *
 * <p>Guarantees of every instance: an accepted command is journaled as one event before it is
 * answered, a refused one journals nothing; its intents go to the {@link IntentDispatcher} once the
 * event is written, and again after every recovery while they await their outcome; recovery replays
 * the events through the pinned definition and checks every state digest, leaving the instance
 * {@code DIVERGED} instead of silently different. Thread-safe.
 */
public final class WorkflowInstances {

  private final WorkflowRuntime runtime;

  private WorkflowInstances(WorkflowRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * The instances hosting {@code registry}'s definitions, with the settings of {@code
   * onex.instance} in {@code config}, {@code clock} for expiry and timers (reducers never see it),
   * {@code dispatcher} for their intents, {@code divergences} for what their recoveries find and
   * {@code awaiting} for what they await, reporting spans and timings to {@code telemetry} ({@link
   * InstanceTelemetry#off()} where nobody reads them).
   */
  public static WorkflowInstances create(
      WorkflowRegistry registry,
      Config config,
      Clock clock,
      IntentDispatcher dispatcher,
      DivergenceLog divergences,
      AwaitingLog awaiting,
      InstanceTelemetry telemetry) {
    return new WorkflowInstances(
        new WorkflowRuntime(
            registry,
            clock,
            WorkflowRuntime.InstanceSettings.fromConfig(config.getConfig("onex")),
            dispatcher,
            divergences,
            awaiting,
            telemetry));
  }

  /**
   * The behaviour of instance {@code instanceId} of {@code workflowType}. When it has been idle for
   * {@code onex.instance.passivate-idle-after} and awaits nothing, it calls {@code passivate} with
   * itself; the host then stops it (the next message recovers it).
   */
  public Behavior<InstanceCommand> behavior(
      String workflowType, String instanceId, Consumer<ActorRef<InstanceCommand>> passivate) {
    return WorkflowInstanceBehavior.create(workflowType, instanceId, runtime, passivate);
  }

  /** The definitions the instances run. */
  public WorkflowRegistry registry() {
    return runtime.registry();
  }

  /**
   * Recovers an empty persistent actor once, so that the journal and snapshot plugins, their
   * connection pool and their queries are ready before the first instance recovers; completes when
   * it has.
   */
  public static CompletionStage<Done> warmUpJournal(ActorSystem<?> system, Duration timeout) {
    return JournalWarmUp.run(system, timeout);
  }

  /**
   * Builds the JSON codecs that recovering an instance from a snapshot needs (the snapshot's and
   * each registered state type's), so that the first instance a new node recovers does not pay for
   * building them. Touches no journal.
   */
  public void warmUpCodecs(ActorSystem<?> system) {
    CodecWarmUp.run(system, runtime.registry());
  }
}
