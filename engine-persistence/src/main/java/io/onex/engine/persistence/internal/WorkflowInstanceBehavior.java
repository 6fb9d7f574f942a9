package io.onex.engine.persistence.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.Action;
import io.onex.engine.core.ActionExpiredException;
import io.onex.engine.core.InstanceAlreadyExistsException;
import io.onex.engine.core.InstanceDivergedException;
import io.onex.engine.core.InstanceNotFoundException;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.TimerRequest;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowError;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowException;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.internal.EngineJson;
import io.onex.engine.core.internal.InstanceMachine;
import io.onex.engine.core.internal.InstanceMachine.Applied;
import io.onex.engine.persistence.InstanceView;
import io.onex.engine.persistence.PendingIntentView;
import io.onex.engine.persistence.internal.InstanceCommand.Apply;
import io.onex.engine.persistence.internal.InstanceCommand.FireTimer;
import io.onex.engine.persistence.internal.InstanceCommand.Get;
import io.onex.engine.persistence.internal.InstanceCommand.Idle;
import io.onex.engine.persistence.internal.InstanceCommand.IntentProgress;
import io.onex.engine.persistence.internal.InstanceCommand.Start;
import io.onex.engine.persistence.internal.InstanceState.Active;
import io.onex.engine.persistence.internal.InstanceState.Diverged;
import io.onex.engine.persistence.internal.InstanceState.NotStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
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
 * journals nothing. The intents of a journaled event are then handed to the node's executor (timers
 * are kept by the instance itself), and after recovery every intent still awaiting its outcome is
 * handed over again. Recovery replays the events through the same reducer and checks each state
 * digest; a mismatch leaves the instance {@link Diverged} rather than silently different.
 */
public final class WorkflowInstanceBehavior
    extends EventSourcedBehaviorWithEnforcedReplies<InstanceCommand, WorkflowEvent, InstanceState> {

  private final ActorContext<InstanceCommand> context;
  private final TimerScheduler<InstanceCommand> timers;
  private final String workflowType;
  private final String instanceId;
  private final WorkflowRuntime runtime;
  private final Consumer<ActorRef<InstanceCommand>> passivate;

  // What the executor said of pending intents; not journaled, so it starts empty on recovery.
  private final Map<String, IntentProgress> progress = new HashMap<>();

  // The outcome the command handler just computed, so that applying its event does not run the
  // reducer a second time. Only ever set and read on the actor's own thread.
  private Applied<Object> justDecided;

  private WorkflowInstanceBehavior(
      ActorContext<InstanceCommand> context,
      TimerScheduler<InstanceCommand> timers,
      String workflowType,
      String instanceId,
      WorkflowRuntime runtime,
      Consumer<ActorRef<InstanceCommand>> passivate) {
    super(persistenceId(workflowType, instanceId));
    this.context = context;
    this.timers = timers;
    this.workflowType = workflowType;
    this.instanceId = instanceId;
    this.runtime = runtime;
    this.passivate = passivate;
  }

  /**
   * The behavior of instance {@code instanceId} of {@code workflowType}. After {@code
   * onex.instance.passivate-idle-after} without messages, an instance that awaits no intent calls
   * {@code passivate} with itself.
   */
  public static Behavior<InstanceCommand> create(
      String workflowType,
      String instanceId,
      WorkflowRuntime runtime,
      Consumer<ActorRef<InstanceCommand>> passivate) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  context.setReceiveTimeout(runtime.settings().idleTimeout(), Idle.INSTANCE);
                  return new WorkflowInstanceBehavior(
                      context, timers, workflowType, instanceId, runtime, passivate);
                }));
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
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Start.class, (state, command) -> onStart(state, command))
        .onCommand(Apply.class, (state, command) -> onApply(state, command))
        .onCommand(Get.class, (state, command) -> onGet(state, command))
        .onCommand(IntentProgress.class, (state, command) -> onProgress(command))
        .onCommand(FireTimer.class, (state, command) -> onFireTimer(state, command))
        .onCommand(Idle.class, (state, command) -> onIdle(state))
        .build();
  }

  private ReplyEffect<WorkflowEvent, InstanceState> onStart(InstanceState state, Start command) {
    Optional<InstanceReply.Accepted> repeated = answeredBefore(state, command.action());
    if (repeated.isPresent()) {
      return Effect().reply(command.replyTo(), repeated.get());
    }
    if (!(state instanceof NotStarted)) {
      return fail(command.replyTo(), new InstanceAlreadyExistsException(workflowType, instanceId));
    }
    try {
      checkNotExpired(command.action());
      WorkflowDefinition<?, ?> definition = runtime.registry().require(workflowType);
      runtime.schemas().validateStart(definition, command.action().payload());
      return persist(
          command.replyTo(), runtime.machine(definition).start(instanceId, command.action()));
    } catch (WorkflowException e) {
      // A refused start leaves nothing behind to remember.
      passivate.accept(context.getSelf());
      return fail(command.replyTo(), e);
    }
  }

  private ReplyEffect<WorkflowEvent, InstanceState> onApply(InstanceState state, Apply command) {
    if (state instanceof NotStarted) {
      return notFound(command.replyTo());
    }
    if (state instanceof Diverged diverged) {
      return Effect().reply(command.replyTo(), new InstanceReply.Failed(diverged.error()));
    }
    Optional<InstanceReply.Accepted> repeated = answeredBefore(state, command.action());
    if (repeated.isPresent()) {
      return Effect().reply(command.replyTo(), repeated.get());
    }
    WorkflowInstance<Object> current = ((Active) state).instance();
    Action action = command.action();
    try {
      checkNotExpired(action);
      InstanceMachine<Object, Object> machine =
          runtime.machine(workflowType, current.definitionVersion());
      if (!current.status().isFinal() && !IntentOutcome.isOutcome(action.type())) {
        runtime.schemas().validateAction(machine.definition(), action.type(), action.payload());
      }
      return persist(command.replyTo(), machine.apply(current, action));
    } catch (WorkflowException e) {
      return fail(command.replyTo(), e);
    }
  }

  private static Optional<InstanceReply.Accepted> answeredBefore(
      InstanceState state, Action action) {
    return state instanceof Active active
        ? active.idempotency().find(action.idempotencyKey())
        : Optional.empty();
  }

  private ReplyEffect<WorkflowEvent, InstanceState> onGet(InstanceState state, Get command) {
    if (state instanceof NotStarted) {
      return notFound(command.replyTo());
    }
    if (state instanceof Diverged diverged) {
      if (diverged.lastGood() == null) {
        return Effect().reply(command.replyTo(), new InstanceReply.Failed(diverged.error()));
      }
      InstanceView last = view(diverged.lastGood());
      InstanceView marked =
          new InstanceView(
              last.type(),
              last.instanceId(),
              InstanceStatus.DIVERGED,
              last.sequence(),
              last.epoch(),
              last.definitionVersion(),
              last.state(),
              diverged.error().message(),
              last.pendingIntents(),
              last.lease());
      return Effect().reply(command.replyTo(), new InstanceReply.Accepted(marked, List.of()));
    }
    return Effect()
        .reply(
            command.replyTo(),
            new InstanceReply.Accepted(view(((Active) state).instance()), List.of()));
  }

  private ReplyEffect<WorkflowEvent, InstanceState> onProgress(IntentProgress news) {
    progress.put(news.intentId(), news);
    return Effect().noReply();
  }

  private ReplyEffect<WorkflowEvent, InstanceState> onFireTimer(
      InstanceState state, FireTimer command) {
    if (!(state instanceof Active active)) {
      return Effect().noReply();
    }
    WorkflowInstance<Object> current = active.instance();
    Intent timer = current.pendingIntent(command.intentId()).orElse(null);
    if (timer == null) {
      return Effect().noReply();
    }
    InstanceMachine<Object, Object> machine =
        runtime.machine(workflowType, current.definitionVersion());
    Applied<Object> applied = fire(machine, current, timer);
    justDecided = applied;
    return Effect()
        .persist(applied.event())
        .thenRun(after -> dispatch(applied.event().intents()))
        .thenNoReply();
  }

  private Applied<Object> fire(
      InstanceMachine<Object, Object> machine, WorkflowInstance<Object> current, Intent timer) {
    TimerRequest request = EngineJson.mapper().convertValue(timer.payload(), TimerRequest.class);
    try {
      return machine.apply(current, InstanceMachine.firedBy(timer, request));
    } catch (WorkflowException refused) {
      // The timer's action no longer fits; the timer still ends, with the reason on record.
      IntentOutcome failed = new IntentOutcome.Failed(timer.intentId(), refused.getMessage(), 1);
      return machine.apply(
          current, InstanceMachine.reporting(timer, failed, runtime.clock().instant()));
    }
  }

  private ReplyEffect<WorkflowEvent, InstanceState> onIdle(InstanceState state) {
    boolean awaiting =
        state instanceof Active active && !active.instance().pendingIntents().isEmpty();
    if (!awaiting) {
      passivate.accept(context.getSelf());
    }
    return Effect().noReply();
  }

  private ReplyEffect<WorkflowEvent, InstanceState> persist(
      ActorRef<InstanceReply> replyTo, Applied<Object> applied) {
    justDecided = applied;
    List<Intent> emitted = applied.event().intents();
    return Effect()
        .persist(applied.event())
        .thenRun(after -> dispatch(emitted))
        .thenReply(replyTo, after -> answer(applied.instance(), applied.stateJson(), emitted));
  }

  private ReplyEffect<WorkflowEvent, InstanceState> fail(
      ActorRef<InstanceReply> replyTo, WorkflowException error) {
    return Effect().reply(replyTo, new InstanceReply.Failed(WorkflowError.of(error)));
  }

  /** Hands intents to the executor, or arms the instance's own timer for timer intents. */
  private void dispatch(List<Intent> intents) {
    for (Intent intent : intents) {
      if (Intent.TIMER.equals(intent.type())) {
        TimerRequest request =
            EngineJson.mapper().convertValue(intent.payload(), TimerRequest.class);
        Duration delay = Duration.between(runtime.clock().instant(), request.fireAt());
        timers.startSingleTimer(
            intent.intentId(),
            new FireTimer(intent.intentId()),
            delay.isNegative() ? Duration.ZERO : delay);
      } else {
        runtime
            .executor()
            .tell(new ExecutorCommand.Execute(workflowType, instanceId, intent, context.getSelf()));
      }
    }
  }

  /**
   * The answer to the request that led to {@code instance}: the instance as that event left it,
   * without the executor's progress, so that a repeated keyed request gets exactly this answer.
   */
  private static InstanceReply.Accepted answer(
      WorkflowInstance<Object> instance, JsonNode stateJson, List<Intent> emitted) {
    return new InstanceReply.Accepted(InstanceView.of(instance, stateJson), emitted);
  }

  private InstanceView view(WorkflowInstance<Object> instance) {
    List<PendingIntentView> pending =
        instance.pendingIntents().stream()
            .map(
                intent -> {
                  IntentProgress news = progress.get(intent.intentId());
                  return news == null
                      ? PendingIntentView.of(intent, 0, null, null)
                      : PendingIntentView.of(
                          intent, news.attempts(), news.nextAttemptAt(), news.lastError());
                })
            .toList();
    return InstanceView.of(instance, pending);
  }

  private void checkNotExpired(Action action) {
    Instant now = runtime.clock().instant();
    if (action.isExpiredAt(now)) {
      throw new ActionExpiredException(action.actionId(), action.expiresAt(), now);
    }
  }

  /**
   * Answers that the instance was never started, and passivates at once: a request for an unknown
   * id must not leave an entity behind that is remembered and restarted with every node start.
   */
  private ReplyEffect<WorkflowEvent, InstanceState> notFound(ActorRef<InstanceReply> replyTo) {
    passivate.accept(context.getSelf());
    return fail(replyTo, new InstanceNotFoundException(workflowType, instanceId));
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
    if (state instanceof Diverged) {
      return state;
    }
    Active active = state instanceof Active a ? a : null;
    WorkflowInstance<Object> current = active == null ? null : active.instance();
    WorkflowInstance<Object> next;
    JsonNode nextJson = null;
    if (decided != null && decided.event().eventId().equals(event.eventId())) {
      next = decided.instance();
      nextJson = decided.stateJson();
      forgetResolved(next);
    } else {
      try {
        next = runtime.machine(workflowType, event.definitionVersion()).replay(current, event);
      } catch (InstanceDivergedException e) {
        context.getLog().error("{}", e.getMessage());
        return new Diverged(current, WorkflowError.of(e));
      } catch (WorkflowException e) {
        InstanceDivergedException diverged =
            new InstanceDivergedException(
                workflowType, instanceId, event.sequence(), e.getMessage());
        context.getLog().error("{}", diverged.getMessage());
        return new Diverged(current, WorkflowError.of(diverged));
      }
    }
    IdempotencyWindow window = active == null ? IdempotencyWindow.EMPTY : active.idempotency();
    String key = event.action().idempotencyKey();
    if (key != null) {
      window =
          window.with(
              key,
              event.timestamp(),
              answer(
                  next,
                  nextJson != null ? nextJson : EngineJson.mapper().valueToTree(next.state()),
                  event.intents()),
              runtime.settings().idempotencyMaxKeys(),
              runtime.settings().idempotencyMaxAge());
    }
    return new Active(next, window);
  }

  private void forgetResolved(WorkflowInstance<Object> instance) {
    progress.keySet().removeIf(intentId -> instance.pendingIntent(intentId).isEmpty());
  }

  @Override
  public SignalHandler<InstanceState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              if (state instanceof Active active) {
                dispatch(active.instance().pendingIntents());
              } else if (state instanceof Diverged diverged) {
                runtime.diverged().put(workflowType + "/" + instanceId, diverged.error().message());
              }
            })
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    int every = runtime.settings().snapshotEvery();
    return every > 0
        ? RetentionCriteria.snapshotEvery(every, runtime.settings().snapshotsKept())
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
            instance.stateDigest(),
            instance.pendingIntents(),
            state instanceof Active active ? active.idempotency() : IdempotencyWindow.EMPTY,
            instance.fence());
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
                snapshot.stateDigest(),
                snapshot.pendingIntents(),
                snapshot.fence()),
            snapshot.idempotency() == null ? IdempotencyWindow.EMPTY : snapshot.idempotency());
      }
    };
  }
}
