package io.onex.engine.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.core.Action;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.TransitionRejectedException;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowException;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.internal.InstanceMachine;
import io.onex.engine.core.internal.InstanceMachine.Applied;
import java.math.BigDecimal;
import java.util.List;

/**
 * Reducer tests without an actor system: given a start input and earlier actions, when one more
 * action is applied, expect a state, intents and status, or a rejection reason.
 */
public final class Scenario<S, A> {

  private final InstanceMachine<S, A> machine;
  private final String instanceId;
  private WorkflowInstance<S> current;

  private Scenario(WorkflowDefinition<S, A> definition, String instanceId) {
    this.machine = InstanceMachine.of(definition);
    this.instanceId = instanceId;
  }

  public static <S, A> Scenario<S, A> of(WorkflowDefinition<S, A> definition, String instanceId) {
    return new Scenario<>(definition, instanceId);
  }

  /** Starts the instance with {@code input}. */
  public Scenario<S, A> givenStarted(Object input) {
    current = machine.start(instanceId, Actions.start(input)).instance();
    return this;
  }

  /** Applies {@code type} with {@code payload}, which must be accepted. */
  public Scenario<S, A> given(String type, Object payload) {
    current = machine.apply(current, Actions.action(type, payload)).instance();
    return this;
  }

  /** Applies {@code type} with {@code payload} and returns what came of it. */
  public Outcome<S> when(String type, Object payload) {
    return when(Actions.action(type, payload));
  }

  /** The intents awaiting their outcome. */
  public List<Intent> pending() {
    return current.pendingIntents();
  }

  /** Reports that the pending intent {@code intent} succeeded with {@code result}. */
  public Outcome<S> whenSucceeded(Intent intent, Object result) {
    return when(
        InstanceMachine.reporting(
            intent,
            new IntentOutcome.Succeeded(intent.intentId(), Actions.json(result)),
            Actions.T0));
  }

  /** Reports that the pending intent {@code intent} failed with {@code error}. */
  public Outcome<S> whenFailed(Intent intent, String error) {
    return when(
        InstanceMachine.reporting(
            intent, new IntentOutcome.Failed(intent.intentId(), error, 1), Actions.T0));
  }

  /** Applies {@code action}; an accepted action becomes the scenario's current state. */
  public Outcome<S> when(Action action) {
    try {
      Applied<S> applied = machine.apply(current, action);
      current = applied.instance();
      return new Outcome<>(applied, null);
    } catch (WorkflowException e) {
      return new Outcome<>(null, e);
    }
  }

  /** The state of the instance so far. */
  public S state() {
    return current.state();
  }

  /** What one action did. */
  public record Outcome<S>(Applied<S> applied, WorkflowException error) {

    public Outcome<S> expectState(S expected) {
      assertThat(error).as("the action's error").isNull();
      // Numbers compare by value: a decimal read from JSON may carry another scale.
      assertThat(applied.instance().state())
          .usingRecursiveComparison()
          .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
          .isEqualTo(expected);
      return this;
    }

    public Outcome<S> expectStatus(InstanceStatus expected) {
      assertThat(error).as("the action's error").isNull();
      assertThat(applied.instance().status()).isEqualTo(expected);
      return this;
    }

    public List<Intent> intents() {
      assertThat(error).as("the action's error").isNull();
      return applied.event().intents();
    }

    public S state() {
      assertThat(error).as("the action's error").isNull();
      return applied.instance().state();
    }

    public TransitionRejectedException expectRejected(String reason) {
      assertThat(error).isInstanceOf(TransitionRejectedException.class);
      TransitionRejectedException rejected = (TransitionRejectedException) error;
      assertThat(rejected.rejection().reason()).isEqualTo(reason);
      return rejected;
    }
  }
}
