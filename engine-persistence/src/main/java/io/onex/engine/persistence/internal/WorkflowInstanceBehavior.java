package io.onex.engine.persistence.internal;

import io.onex.engine.core.Action;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.OperatorActions;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.error.InstanceAlreadyExistsException;
import io.onex.engine.core.error.WorkflowException;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import io.onex.engine.core.tracing.LogFields;
import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceCommand.Apply;
import io.onex.engine.persistence.InstanceCommand.FireTimer;
import io.onex.engine.persistence.InstanceCommand.Get;
import io.onex.engine.persistence.InstanceCommand.Idle;
import io.onex.engine.persistence.InstanceCommand.Redispatch;
import io.onex.engine.persistence.InstanceCommand.ReportProgress;
import io.onex.engine.persistence.InstanceCommand.Retire;
import io.onex.engine.persistence.InstanceCommand.SkipIntent;
import io.onex.engine.persistence.InstanceCommand.Start;
import io.onex.engine.persistence.InstanceCommand.Subscribe;
import io.onex.engine.persistence.InstanceCommand.Unsubscribe;
import io.onex.engine.persistence.InstanceCommand.Wake;
import io.onex.engine.persistence.InstanceReply;
import io.onex.engine.persistence.internal.ActionTraces.Traced;
import io.onex.engine.persistence.internal.InstanceState.Active;
import io.onex.engine.persistence.internal.InstanceState.Diverged;
import io.onex.engine.persistence.internal.InstanceState.NotStarted;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
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
 * journals nothing. The intents of a journaled event are then handed to the dispatcher (timers are
 * kept by the instance itself), and after recovery every intent still awaiting its outcome is
 * handed over again. Recovery replays the events through the same reducer and checks each state
 * digest; a mismatch leaves the instance {@link Diverged} rather than silently different. Each
 * action is a span under its sender's, its journal write a span beneath ({@link ActionTraces}), and
 * each log line of a command carries the instance's {@link LogFields}.
 */
@InternalApi
public final class WorkflowInstanceBehavior
    extends EventSourcedBehaviorWithEnforcedReplies<InstanceCommand, WorkflowEvent, InstanceState> {

  private final ActorContext<InstanceCommand> context;
  private final String workflowType;
  private final String instanceId;
  private final WorkflowRuntime runtime;
  private final Consumer<ActorRef<InstanceCommand>> passivate;
  private final ExecutionProgress progress = new ExecutionProgress();
  private final DecidedEvent decided = new DecidedEvent();
  private final Subscribers subscribers;
  private final InstanceAnswers answers = new InstanceAnswers(progress);
  private final EventApplier applier;
  private final AwaitingMarks awaiting;
  private final DecisionChecks checks;
  private final IntentHandover handover;
  private final TimerFiring firing;
  private final ActionTraces traces;
  private final InstanceReplies replies;

  private WorkflowInstanceBehavior(
      ActorContext<InstanceCommand> context,
      TimerScheduler<InstanceCommand> scheduler,
      String workflowType,
      String instanceId,
      WorkflowRuntime runtime,
      Consumer<ActorRef<InstanceCommand>> passivate) {
    super(
        PersistenceId.of(workflowType, instanceId),
        SupervisorStrategy.restartWithBackoff(
            runtime.settings().restartBackoffMin(), runtime.settings().restartBackoffMax(), 0.2));
    this.context = context;
    this.subscribers = new Subscribers(context);
    DurableTimers timers = new DurableTimers(scheduler, runtime.clock());
    this.workflowType = workflowType;
    this.instanceId = instanceId;
    this.runtime = runtime;
    this.passivate = passivate;
    this.applier = new EventApplier(runtime, workflowType, instanceId, context.getLog());
    this.awaiting =
        new AwaitingMarks(
            workflowType, instanceId, runtime.awaiting(), runtime.settings().indexSlices());
    this.checks = new DecisionChecks(runtime, workflowType, context.getLog());
    this.handover = new IntentHandover(runtime, workflowType, instanceId, timers, scheduler);
    this.firing = new TimerFiring(runtime, workflowType, timers, checks);
    this.traces = new ActionTraces(runtime.telemetry(), workflowType, instanceId);
    this.replies =
        new InstanceReplies(
            Effect(), context, workflowType, instanceId, answers, subscribers, passivate);
    runtime.instances().holds(persistenceId().id(), List.of());
  }

  /**
   * The behavior of instance {@code instanceId} of {@code workflowType}. After {@code
   * onex.instance.passivate-idle-after} without messages, an instance that awaits no intent and has
   * no subscriber calls {@code passivate} with itself.
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

  @Override
  public InstanceState emptyState() {
    return new NotStarted();
  }

  @Override
  public CommandHandlerWithReply<InstanceCommand, WorkflowEvent, InstanceState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(
            Start.class,
            (state, start) -> traces.logged(start.action(), () -> onStart(state, start)))
        .onCommand(
            Apply.class,
            (state, apply) -> traces.logged(apply.action(), () -> onApply(state, apply)))
        .onCommand(SkipIntent.class, this::onSkip)
        .onCommand(Retire.class, replies::retire)
        .onCommand(Get.class, replies::get)
        .onCommand(
            Subscribe.class,
            (state, command) -> replies.subscribe(state, command, lastSequenceNumber(context)))
        .onCommand(
            Unsubscribe.class,
            (state, command) -> {
              subscribers.unsubscribe(command.subscriber());
              return Effect().noReply();
            })
        .onCommand(ReportProgress.class, (state, report) -> onProgress(report))
        .onCommand(FireTimer.class, this::onFireTimer)
        .onCommand(Idle.class, (state, idle) -> onIdle(state))
        .onCommand(Redispatch.class, (state, tick) -> onRedispatch(state))
        .onCommand(Wake.class, (state, wake) -> onWake(state))
        .build();
  }

  private ReplyEffect<WorkflowEvent, InstanceState> onStart(InstanceState state, Start command) {
    Optional<InstanceReply.Accepted> repeated = InstanceAnswers.repeated(state, command.action());
    if (repeated.isPresent()) {
      return Effect().reply(command.replyTo(), repeated.get());
    }
    if (!(state instanceof NotStarted)) {
      return replies.fail(
          command.replyTo(), new InstanceAlreadyExistsException(workflowType, instanceId));
    }
    Traced traced = traces.begin(command.action());
    try {
      checks.requireNotExpired(command.action());
      WorkflowDefinition<?, ?> definition =
          runtime.registry().forNewInstance(workflowType, instanceId);
      runtime.schemas().validateStart(definition, command.action().payload());
      Applied<Object> started =
          traced.decide(
              () ->
                  checks.checked(runtime.machine(definition).start(instanceId, command.action())));
      return persist(command.replyTo(), state, started, traced);
    } catch (WorkflowException e) {
      // A refused start leaves nothing behind to remember.
      traced.refused(e);
      passivate.accept(context.getSelf());
      return replies.fail(command.replyTo(), e);
    }
  }

  private ReplyEffect<WorkflowEvent, InstanceState> onApply(InstanceState state, Apply command) {
    if (state instanceof NotStarted) {
      return replies.notFound(command.replyTo());
    }
    if (OperatorActions.MIGRATE.equals(command.action().type())) {
      return onMigrate(state, command);
    }
    if (state instanceof Diverged diverged) {
      return Effect().reply(command.replyTo(), new InstanceReply.Failed(diverged.error()));
    }
    Optional<InstanceReply.Accepted> repeated = InstanceAnswers.repeated(state, command.action());
    if (repeated.isPresent()) {
      return Effect().reply(command.replyTo(), repeated.get());
    }
    Traced traced = traces.begin(command.action());
    try {
      Applied<Object> applied =
          traced.decide(() -> checks.apply(((Active) state).instance(), command.action()));
      return persist(command.replyTo(), state, applied, traced);
    } catch (WorkflowException e) {
      traced.refused(e);
      return replies.fail(command.replyTo(), e);
    }
  }

  /**
   * A migration, checked against the instance's latest sequence number: the history it was computed
   * from must be the whole history. Accepted for a diverged instance too.
   */
  private ReplyEffect<WorkflowEvent, InstanceState> onMigrate(InstanceState state, Apply command) {
    Action action = command.action();
    Traced traced = traces.begin(action);
    try {
      OperatorCommands.requireWholeHistory(
          workflowType, instanceId, action, lastSequenceNumber(context));
      return persist(command.replyTo(), state, checks.migrate(instanceId, action), traced);
    } catch (WorkflowException e) {
      traced.refused(e);
      return replies.fail(command.replyTo(), e);
    }
  }

  /** An operator's outcome for a pending intent, applied as the intent's handler's would be. */
  private ReplyEffect<WorkflowEvent, InstanceState> onSkip(
      InstanceState state, SkipIntent command) {
    if (state instanceof NotStarted) {
      return replies.notFound(command.replyTo());
    }
    if (state instanceof Diverged diverged) {
      return Effect().reply(command.replyTo(), new InstanceReply.Failed(diverged.error()));
    }
    try {
      Action reported =
          OperatorCommands.skipped(((Active) state).instance(), command, runtime.clock().instant());
      return onApply(state, new Apply(reported, command.replyTo()));
    } catch (WorkflowException e) {
      return replies.fail(command.replyTo(), e);
    }
  }

  private ReplyEffect<WorkflowEvent, InstanceState> onProgress(ReportProgress report) {
    progress.record(report.progress());
    return Effect().noReply();
  }

  private ReplyEffect<WorkflowEvent, InstanceState> onFireTimer(
      InstanceState state, FireTimer command) {
    Optional<Applied<Object>> fired = firing.fire(state, command.intentId());
    if (fired.isEmpty()) {
      return Effect().noReply();
    }
    Applied<Object> applied = fired.get();
    remember(state, applied);
    return Effect()
        .persist(applied.event())
        .thenRun(after -> afterJournaled(applied, null))
        .thenNoReply();
  }

  private ReplyEffect<WorkflowEvent, InstanceState> onRedispatch(InstanceState state) {
    handover.redispatch(state);
    return Effect().noReply();
  }

  /** Recovery did what waking is for; an instance that was never started stops again. */
  private ReplyEffect<WorkflowEvent, InstanceState> onWake(InstanceState state) {
    if (state instanceof NotStarted) {
      passivate.accept(context.getSelf());
    }
    return Effect().noReply();
  }

  private ReplyEffect<WorkflowEvent, InstanceState> onIdle(InstanceState state) {
    if (!AwaitingMarks.awaits(state) && subscribers.isEmpty()) {
      awaiting.stopping(state);
      passivate.accept(context.getSelf());
    }
    return Effect().noReply();
  }

  private ReplyEffect<WorkflowEvent, InstanceState> persist(
      ActorRef<InstanceReply> replyTo,
      InstanceState before,
      Applied<Object> applied,
      Traced traced) {
    remember(before, applied);
    traced.writing(applied.event(), context.getLog());
    return Effect()
        .persist(applied.event())
        .thenRun(
            after -> {
              traced.written();
              afterJournaled(applied, traced.traceparent());
            })
        .thenReply(replyTo, after -> InstanceAnswers.answer(applied));
  }

  /** Remembers {@code applied}, decided in {@code before}, for the event handler and the tags. */
  private void remember(InstanceState before, Applied<Object> applied) {
    decided.remember(applied);
    awaiting.decided(before, applied);
  }

  /**
   * Once an event is written: its intents go out (after a migration, every pending one, which a
   * diverged instance had not handed over), under {@code traceparent}, and subscribers hear of it,
   * and of the end it makes.
   */
  private void afterJournaled(Applied<Object> applied, String traceparent) {
    handover.dispatch(
        OperatorActions.MIGRATE.equals(applied.event().action().type())
            ? applied.instance().pendingIntents()
            : applied.event().intents(),
        traceparent);
    runtime.instances().holds(persistenceId().id(), applied.instance().pendingIntents());
    subscribers.journaled(
        applied.event().sequence(),
        applied.instance().status().isFinal(),
        () -> answers.view(applied.instance()));
  }

  @Override
  public EventHandler<InstanceState, WorkflowEvent> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onAnyEvent(
            (state, event) -> {
              Optional<Applied<Object>> live = decided.take(event);
              live.ifPresent(applied -> progress.forgetResolved(applied.instance()));
              return applier.apply(state, event, live);
            });
  }

  @Override
  public SignalHandler<InstanceState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::recovered)
        .onSignal(PreRestart.instance(), restart -> traces.abandoned("the instance restarted"))
        .onSignal(
            PostStop.instance(),
            stopped -> {
              traces.abandoned("the instance stopped");
              runtime.instances().stopped(persistenceId().id());
            })
        .build();
  }

  /** After recovery: pending intents go out again, and a divergence is put on record. */
  private void recovered(InstanceState state) {
    if (state instanceof Active active) {
      runtime.instances().holds(persistenceId().id(), active.instance().pendingIntents());
      runtime.divergences().recovered(workflowType, instanceId);
      awaiting.recovered(state);
      handover.dispatch(active.instance().pendingIntents());
    } else if (state instanceof Diverged diverged) {
      runtime.divergences().diverged(workflowType, instanceId, diverged.error().message());
    }
  }

  /** See {@link AwaitingMarks#tagsFor}. */
  @Override
  public Set<String> tagsFor(WorkflowEvent event) {
    return awaiting.tagsFor(event);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return runtime.settings().snapshots();
  }

  @Override
  public SnapshotAdapter<InstanceState> snapshotAdapter() {
    return new InstanceSnapshotAdapter(runtime.registry());
  }
}
