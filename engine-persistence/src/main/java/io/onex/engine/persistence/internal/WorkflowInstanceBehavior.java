package io.onex.engine.persistence.internal;

import io.onex.engine.core.Action;
import io.onex.engine.core.ActionExpiredException;
import io.onex.engine.core.InstanceAlreadyExistsException;
import io.onex.engine.core.InstanceDivergedException;
import io.onex.engine.core.InstanceNotFoundException;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowError;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowException;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.internal.EngineJson;
import io.onex.engine.core.internal.InstanceMachine;
import io.onex.engine.core.internal.InstanceMachine.Applied;
import io.onex.engine.persistence.InstanceView;
import io.onex.engine.persistence.internal.InstanceCommand.Apply;
import io.onex.engine.persistence.internal.InstanceCommand.Get;
import io.onex.engine.persistence.internal.InstanceCommand.Start;
import io.onex.engine.persistence.internal.InstanceState.Active;
import io.onex.engine.persistence.internal.InstanceState.Diverged;
import io.onex.engine.persistence.internal.InstanceState.NotStarted;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One workflow instance as a persistent actor. A command is decided by the definition's pure
 * reducer; an accepted action is journaled as one event before anything is answered, a refused one
 * journals nothing. Recovery replays the events through the same reducer and checks each state
 * digest; a mismatch leaves the instance {@link Diverged} rather than silently different.
 */
public final class WorkflowInstanceBehavior
    extends EventSourcedBehaviorWithEnforcedReplies<InstanceCommand, WorkflowEvent, InstanceState> {

  private final ActorContext<InstanceCommand> context;
  private final String workflowType;
  private final String instanceId;
  private final WorkflowRuntime runtime;

  // The outcome the command handler just computed, so that applying its event does not run the
  // reducer a second time. Only ever set and read on the actor's own thread.
  private Applied<Object> justDecided;

  private WorkflowInstanceBehavior(
      ActorContext<InstanceCommand> context,
      String workflowType,
      String instanceId,
      WorkflowRuntime runtime) {
    super(persistenceId(workflowType, instanceId));
    this.context = context;
    this.workflowType = workflowType;
    this.instanceId = instanceId;
    this.runtime = runtime;
  }

  /** The behavior of instance {@code instanceId} of {@code workflowType}. */
  public static Behavior<InstanceCommand> create(
      String workflowType, String instanceId, WorkflowRuntime runtime) {
    return Behaviors.setup(
        context -> new WorkflowInstanceBehavior(context, workflowType, instanceId, runtime));
  }

  /** The journal's persistence id of an instance: {@code <workflowType>|<instanceId>}. */
  public static PersistenceId persistenceId(String workflowType, String instanceId) {
    return PersistenceId.of(workflowType, instanceId);
  }

  @Override
  public InstanceState emptyState() {
    return new NotStarted();
  }

  @Override
  public CommandHandlerWithReply<InstanceCommand, WorkflowEvent, InstanceState> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(NotStarted.class)
        .onCommand(Start.class, (state, command) -> start(command))
        .onCommand(Apply.class, (state, command) -> fail(command, notFound()))
        .onCommand(Get.class, (state, command) -> fail(command, notFound()));
    builder
        .forStateType(Active.class)
        .onCommand(
            Start.class,
            (state, command) ->
                fail(command, new InstanceAlreadyExistsException(workflowType, instanceId)))
        .onCommand(Apply.class, (state, command) -> apply(state, command))
        .onCommand(Get.class, (state, command) -> Effect().reply(command.replyTo(), view(state)));
    builder
        .forStateType(Diverged.class)
        .onCommand(
            Start.class,
            (state, command) ->
                fail(command, new InstanceAlreadyExistsException(workflowType, instanceId)))
        .onCommand(
            Apply.class,
            (state, command) ->
                Effect().reply(command.replyTo(), new InstanceReply.Failed(state.error())))
        .onCommand(
            Get.class,
            (state, command) ->
                Effect()
                    .reply(
                        command.replyTo(),
                        new InstanceReply.Accepted(InstanceView.of(state.lastGood()), List.of())));
    return builder.build();
  }

  private ReplyEffect<WorkflowEvent, InstanceState> start(Start command) {
    try {
      checkNotExpired(command.action());
      WorkflowDefinition<?, ?> definition = runtime.registry().require(workflowType);
      runtime.schemas().validateStart(definition, command.action().payload());
      return persist(command, runtime.machine(definition).start(instanceId, command.action()));
    } catch (WorkflowException e) {
      return fail(command, e);
    }
  }

  private ReplyEffect<WorkflowEvent, InstanceState> apply(Active state, Apply command) {
    WorkflowInstance<Object> current = state.instance();
    try {
      checkNotExpired(command.action());
      InstanceMachine<Object, Object> machine =
          runtime.machine(workflowType, current.definitionVersion());
      if (!current.status().isFinal()) {
        runtime
            .schemas()
            .validateAction(
                machine.definition(), command.action().type(), command.action().payload());
      }
      return persist(command, machine.apply(current, command.action()));
    } catch (WorkflowException e) {
      return fail(command, e);
    }
  }

  private ReplyEffect<WorkflowEvent, InstanceState> persist(
      InstanceCommand command, Applied<Object> applied) {
    justDecided = applied;
    return Effect()
        .persist(applied.event())
        .thenReply(
            command.replyTo(),
            after ->
                new InstanceReply.Accepted(
                    InstanceView.of(applied.instance()), applied.event().intents()));
  }

  private ReplyEffect<WorkflowEvent, InstanceState> fail(
      InstanceCommand command, WorkflowException error) {
    return Effect().reply(command.replyTo(), new InstanceReply.Failed(WorkflowError.of(error)));
  }

  private void checkNotExpired(Action action) {
    Instant now = runtime.clock().instant();
    if (action.isExpiredAt(now)) {
      throw new ActionExpiredException(action.actionId(), action.expiresAt(), now);
    }
  }

  private InstanceNotFoundException notFound() {
    return new InstanceNotFoundException(workflowType, instanceId);
  }

  private static InstanceReply view(Active state) {
    return new InstanceReply.Accepted(InstanceView.of(state.instance()), List.of());
  }

  @Override
  public EventHandler<InstanceState, WorkflowEvent> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onAnyEvent((state, event) -> applyEvent(state, event));
  }

  private InstanceState applyEvent(InstanceState state, WorkflowEvent event) {
    Applied<Object> decided = justDecided;
    justDecided = null;
    if (decided != null && decided.event().eventId().equals(event.eventId())) {
      return new Active(decided.instance());
    }
    if (state instanceof Diverged) {
      return state;
    }
    WorkflowInstance<Object> current = state instanceof Active active ? active.instance() : null;
    try {
      return new Active(
          runtime.machine(workflowType, event.definitionVersion()).replay(current, event));
    } catch (InstanceDivergedException e) {
      context.getLog().error("{}", e.getMessage());
      return new Diverged(current, WorkflowError.of(e));
    } catch (WorkflowException e) {
      InstanceDivergedException diverged =
          new InstanceDivergedException(workflowType, instanceId, event.sequence(), e.getMessage());
      context.getLog().error("{}", diverged.getMessage());
      return new Diverged(current, WorkflowError.of(diverged));
    }
  }

  @Override
  public SignalHandler<InstanceState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state ->
                context
                    .getLog()
                    .debug(
                        "Recovered workflow instance '{}' of type '{}' as {}",
                        instanceId,
                        workflowType,
                        state.getClass().getSimpleName()))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return runtime.snapshotEvery() > 0
        ? RetentionCriteria.snapshotEvery(runtime.snapshotEvery(), runtime.snapshotsKept())
        : RetentionCriteria.disabled();
  }

  @Override
  public SnapshotAdapter<InstanceState> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(InstanceState state) {
        WorkflowInstance<Object> instance;
        if (state instanceof Active active) {
          instance = active.instance();
        } else if (state instanceof Diverged diverged) {
          instance = diverged.lastGood();
        } else {
          throw new IllegalStateException("No snapshot of an instance that never started");
        }
        return new InstanceSnapshot(
            instance.workflowType(),
            instance.instanceId(),
            instance.definitionVersion(),
            instance.status(),
            instance.statusReason(),
            instance.sequence(),
            instance.epoch(),
            EngineJson.mapper().valueToTree(instance.state()),
            instance.stateDigest());
      }

      @Override
      public InstanceState fromJournal(Object from) {
        InstanceSnapshot snapshot = (InstanceSnapshot) from;
        WorkflowDefinition<?, ?> definition =
            runtime.registry().require(snapshot.workflowType(), snapshot.definitionVersion());
        Object state = EngineJson.mapper().convertValue(snapshot.state(), definition.stateType());
        return new Active(
            new WorkflowInstance<>(
                snapshot.workflowType(),
                snapshot.instanceId(),
                snapshot.definitionVersion(),
                snapshot.status(),
                snapshot.statusReason(),
                snapshot.sequence(),
                snapshot.epoch(),
                state,
                snapshot.stateDigest()));
      }
    };
  }
}
