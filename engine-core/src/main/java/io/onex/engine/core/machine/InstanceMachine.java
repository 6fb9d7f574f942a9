package io.onex.engine.core.machine;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.Action;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.LeaseFence;
import io.onex.engine.core.OperatorActions;
import io.onex.engine.core.Transition;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowDefinition.ActionSpec;
import io.onex.engine.core.WorkflowDefinition.StartSpec;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.error.EpochConflictException;
import io.onex.engine.core.error.InstanceClosedException;
import io.onex.engine.core.error.InstanceDivergedException;
import io.onex.engine.core.error.IntentNotPendingException;
import io.onex.engine.core.error.InvalidPayloadException;
import io.onex.engine.core.error.TransitionRejectedException;
import io.onex.engine.core.error.UnknownActionException;
import io.onex.engine.core.error.WorkflowException;
import io.onex.engine.core.internal.DefaultReduceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies actions to one workflow definition's instances, purely: the same code decides live
 * actions and replays journaled events, so both always agree. Throws a {@link WorkflowException}
 * naming the problem when an action cannot be applied; never performs I/O.
 *
 * @param <S> the workflow's state type
 * @param <A> the workflow's action type
 */
public final class InstanceMachine<S, A> {

  private final WorkflowDefinition<S, A> definition;

  private InstanceMachine(WorkflowDefinition<S, A> definition) {
    this.definition = definition;
  }

  public static <S, A> InstanceMachine<S, A> of(WorkflowDefinition<S, A> definition) {
    return new InstanceMachine<>(definition);
  }

  public WorkflowDefinition<S, A> definition() {
    return definition;
  }

  /**
   * The result of applying one action: the event to journal, the instance it leads to, and that
   * instance's state as JSON (computed once for the digest, reused by whoever shows the state).
   */
  public record Applied<S>(WorkflowEvent event, WorkflowInstance<S> instance, JsonNode stateJson) {}

  /** Starts instance {@code instanceId} from the start action, whose payload is the start input. */
  public Applied<S> start(String instanceId, Action action) {
    DefaultReduceContext context =
        new DefaultReduceContext(definition.type(), instanceId, definition.version(), 1, 0, action);
    LeaseFence fence =
        definition.leaseRequired()
            ? LeaseAdmission.admit(null, definition.type(), instanceId, action)
            : null;
    S state = initialState(definition.start(), action.payload(), context);
    Optional<Transition<S>> begun = definition.reducer().onStart(state, context);
    if (begun.isPresent()) {
      return recordTransition(context, begun.get(), List.of(), fence);
    }
    return record(context, state, List.of(), InstanceStatus.PENDING, null, List.of(), fence);
  }

  /**
   * Applies {@code action} to {@code current}, or throws why it cannot be applied. An outcome
   * ({@link IntentOutcome#SUCCEEDED}, {@link IntentOutcome#FAILED}) resolves its pending intent and
   * goes to {@link io.onex.engine.core.Reducer#onOutcome}; an action fired by a timer resolves the
   * timer intent in the same event.
   */
  public Applied<S> apply(WorkflowInstance<S> current, Action action) {
    if (IntentOutcome.isOutcome(action.type())) {
      return applyOutcome(current, action);
    }
    if (OperatorActions.isOperator(action.type())) {
      return applyOperator(current, action);
    }
    if (current.status().isFinal()) {
      throw new InstanceClosedException(
          current.workflowType(), current.instanceId(), current.status(), action.type());
    }
    if (action.epoch() != null && action.epoch() != current.epoch()) {
      throw new EpochConflictException(
          current.workflowType(), current.instanceId(), action.epoch(), current.epoch());
    }
    List<Intent> stillPending = current.pendingIntents();
    String firingTimer = action.metadata().get(TimerActions.TIMER_METADATA);
    LeaseFence fence = current.fence();
    if (firingTimer != null) {
      stillPending = withoutPending(current, firingTimer);
    } else if (definition.leaseRequired()) {
      fence =
          LeaseAdmission.admit(
              current.fence(), current.workflowType(), current.instanceId(), action);
    }
    ActionSpec<? extends A> spec =
        definition
            .action(action.type())
            .orElseThrow(
                () ->
                    new UnknownActionException(
                        definition.type(),
                        definition.version(),
                        action.type(),
                        definition.actions().keySet()));
    A payload =
        Payloads.decode(
            action.payload(), spec.payloadType(), "payload of action '" + spec.name() + "'");
    DefaultReduceContext context = contextFor(current, action);
    definition
        .reducer()
        .validate(current.state(), payload, context)
        .ifPresent(
            rejection -> {
              throw new TransitionRejectedException(rejection);
            });
    return recordTransition(
        context,
        definition.reducer().reduce(current.state(), payload, context),
        stillPending,
        fence);
  }

  /**
   * Applies an operator action ({@link OperatorActions}) to {@code current}, whatever the reducer:
   * terminate and retry to an unfinished instance only; migrate see {@link #migrate}.
   */
  private Applied<S> applyOperator(WorkflowInstance<S> current, Action action) {
    if (OperatorActions.MIGRATE.equals(action.type())) {
      return migrate(current.instanceId(), action);
    }
    if (current.status().isFinal()) {
      throw new InstanceClosedException(
          current.workflowType(), current.instanceId(), current.status(), action.type());
    }
    DefaultReduceContext context = contextFor(current, action);
    if (OperatorActions.TERMINATE.equals(action.type())) {
      OperatorActions.Terminate terminate =
          Payloads.decode(action.payload(), OperatorActions.Terminate.class, "termination");
      if (terminate.reason().isBlank()) {
        throw new InvalidPayloadException("termination", "reason", "expected a reason");
      }
      List<Intent> cleanUp =
          definition.reducer().onTerminate(current.state(), terminate.reason(), context);
      return record(
          context,
          current.state(),
          cleanUp,
          InstanceStatus.CANCELLED,
          terminate.reason(),
          cleanUp,
          current.fence());
    }
    if (OperatorActions.RETRY_INTENT.equals(action.type())) {
      Intent intent =
          Payloads.decode(action.payload(), OperatorActions.RetryIntent.class, "retry").intent();
      if (current.pendingIntent(intent.intentId()).isPresent()) {
        throw new InvalidPayloadException(
            "retry", "intentId", "intent '" + intent.intentId() + "' is still pending");
      }
      List<Intent> pending = new ArrayList<>(current.pendingIntents());
      pending.add(intent);
      return record(
          context,
          current.state(),
          List.of(intent),
          InstanceStatus.RUNNING,
          null,
          pending,
          current.fence());
    }
    throw new UnknownActionException(
        definition.type(), definition.version(), action.type(), definition.actions().keySet());
  }

  /**
   * Applies a migration ({@link OperatorActions#MIGRATE}) of instance {@code instanceId} to this
   * definition's version: the instance becomes the one its payload describes, as this version
   * rebuilt it from the whole history, whatever the instance was before (a diverged instance
   * included). Refused for a payload of another version or of an instance that has ended.
   */
  public Applied<S> migrate(String instanceId, Action action) {
    OperatorActions.Migrate migrate =
        Payloads.decode(action.payload(), OperatorActions.Migrate.class, "migration");
    if (migrate.toVersion() != definition.version()) {
      throw new InvalidPayloadException(
          "migration",
          "toVersion",
          "expected version " + definition.version() + ", but got " + migrate.toVersion());
    }
    if (migrate.status().isFinal()) {
      throw new InstanceClosedException(
          definition.type(), instanceId, migrate.status(), action.type());
    }
    DefaultReduceContext context =
        new DefaultReduceContext(
            definition.type(),
            instanceId,
            definition.version(),
            migrate.sequence() + 1,
            migrate.epoch(),
            action);
    S state =
        Payloads.decode(migrate.state(), definition.stateType(), "state of the migrated instance");
    return record(
        context,
        state,
        List.of(),
        migrate.status(),
        migrate.statusReason(),
        migrate.pendingIntents(),
        migrate.fence());
  }

  private Applied<S> applyOutcome(WorkflowInstance<S> current, Action action) {
    Class<? extends IntentOutcome> type =
        IntentOutcome.SUCCEEDED.equals(action.type())
            ? IntentOutcome.Succeeded.class
            : IntentOutcome.Failed.class;
    IntentOutcome outcome =
        Payloads.decode(action.payload(), type, "payload of action '" + action.type() + "'");
    Intent intent =
        current
            .pendingIntent(outcome.intentId())
            .orElseThrow(
                () ->
                    new IntentNotPendingException(
                        current.workflowType(), current.instanceId(), outcome.intentId()));
    List<Intent> stillPending = withoutPending(current, intent.intentId());
    DefaultReduceContext context = contextFor(current, action);
    if (current.status().isFinal()) {
      return record(
          context,
          current.state(),
          List.of(),
          current.status(),
          current.statusReason(),
          stillPending,
          current.fence());
    }
    return recordTransition(
        context,
        definition.reducer().onOutcome(current.state(), intent, outcome, context),
        stillPending,
        current.fence());
  }

  private DefaultReduceContext contextFor(WorkflowInstance<S> current, Action action) {
    return new DefaultReduceContext(
        definition.type(),
        current.instanceId(),
        current.definitionVersion(),
        current.sequence() + 1,
        current.epoch(),
        action);
  }

  private Applied<S> recordTransition(
      DefaultReduceContext context,
      Transition<S> transition,
      List<Intent> stillPending,
      LeaseFence fence) {
    if (transition instanceof Transition.Rejected<S> rejected) {
      throw new TransitionRejectedException(rejected.rejection());
    }
    Transition.Accepted<S> accepted = (Transition.Accepted<S>) transition;
    List<Intent> pending = new ArrayList<>(stillPending);
    pending.addAll(accepted.intents());
    return Recording.of(
        definition,
        context,
        accepted.state(),
        accepted.intents(),
        accepted.status(),
        accepted.statusReason(),
        pending,
        fence,
        accepted.steps());
  }

  private static <S> List<Intent> withoutPending(WorkflowInstance<S> current, String intentId) {
    if (current.pendingIntent(intentId).isEmpty()) {
      throw new IntentNotPendingException(current.workflowType(), current.instanceId(), intentId);
    }
    return current.pendingIntents().stream().filter(i -> !i.intentId().equals(intentId)).toList();
  }

  /**
   * Re-applies a journaled event to {@code current} ({@code null} for the start event) and checks
   * that it reproduces the recorded state digest; throws {@link InstanceDivergedException} if not.
   */
  public WorkflowInstance<S> replay(WorkflowInstance<S> current, WorkflowEvent event) {
    Applied<S> again;
    try {
      again = reapply(current, event);
    } catch (WorkflowException e) {
      throw new InstanceDivergedException(
          event.workflowType(),
          event.instanceId(),
          event.sequence(),
          "the definition now refuses the action: " + e.getMessage());
    }
    if (!again.event().stateDigest().equals(event.stateDigest())) {
      throw new InstanceDivergedException(
          event.workflowType(),
          event.instanceId(),
          event.sequence(),
          "state digest "
              + again.event().stateDigest()
              + " differs from the recorded "
              + event.stateDigest());
    }
    return again.instance();
  }

  /**
   * Applies the action of a journaled event to {@code current} ({@code null} for the start event)
   * as it was applied when the event was written: an event of release 0.1 leaves the epoch as it
   * was. Throws as {@link #apply} does; does not compare digests.
   */
  public Applied<S> reapply(WorkflowInstance<S> current, WorkflowEvent event) {
    Applied<S> again;
    if (event.isStart()) {
      again = start(event.instanceId(), event.action());
    } else if (OperatorActions.MIGRATE.equals(event.action().type())) {
      // a checkpoint: it needs nothing of what came before it
      again = migrate(event.instanceId(), event.action());
    } else {
      again = apply(current, event.action());
    }
    if (event.isStart() || event.advancesEpoch()) {
      return again;
    }
    return new Applied<>(
        again.event(), again.instance().withEpoch(current.epoch()), again.stateJson());
  }

  /** What an action without steps records; see {@link Recording}. */
  private Applied<S> record(
      DefaultReduceContext context,
      S state,
      List<Intent> intents,
      InstanceStatus status,
      String statusReason,
      List<Intent> pending,
      LeaseFence fence) {
    return Recording.of(
        definition, context, state, intents, status, statusReason, pending, fence, List.of());
  }

  private <I> S initialState(StartSpec<I, S> spec, JsonNode input, DefaultReduceContext context) {
    return spec.function()
        .initialState(Payloads.decode(input, spec.inputType(), "start input"), context);
  }
}
