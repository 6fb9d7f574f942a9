package io.onex.engine.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.Action;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.error.TransitionRejectedException;
import io.onex.engine.core.error.WorkflowException;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.machine.InstanceMachine;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Tests a workflow definition without an engine or actor system, through the same machine the
 * engine runs it with: given a start input and earlier actions, when one more action (or an
 * intent's outcome) is applied, expect a state, intents and status, or a rejection reason.
 *
 * <pre>{@code
 * Scenario.of(OrderWorkflow.definition(), "o-1")
 *     .givenStarted(new OrderStart("alice"))
 *     .given("AddItem", new AddItem("book", 2, new BigDecimal("12.50")))
 *     .when("PlaceOrder", null)
 *     .expectStatus(InstanceStatus.RUNNING);
 * }</pre>
 *
 * <p>Every action is issued at {@link #T0}, so a scenario is repeatable. Payloads are records or
 * maps, converted with the engine's codec. Not thread-safe; one scenario per test.
 *
 * @param <S> the workflow's state type
 * @param <A> the workflow's action type
 */
public final class Scenario<S, A> {

  /** The instant every action of a scenario is issued at: the reducer's "now". */
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final InstanceMachine<S, A> machine;
  private final String instanceId;
  private WorkflowInstance<S> current;

  private Scenario(WorkflowDefinition<S, A> definition, String instanceId) {
    this.machine = InstanceMachine.of(definition);
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
  }

  /** A scenario of instance {@code instanceId} of {@code definition}. */
  public static <S, A> Scenario<S, A> of(WorkflowDefinition<S, A> definition, String instanceId) {
    return new Scenario<>(definition, instanceId);
  }

  /** Starts the instance with {@code input}; fails the test if the start is refused. */
  public Scenario<S, A> givenStarted(Object input) {
    current =
        machine
            .start(
                instanceId, Action.builder(Action.START).payload(json(input)).issuedAt(T0).build())
            .instance();
    return this;
  }

  /** Applies action {@code type} with {@code payload}, which must be accepted. */
  public Scenario<S, A> given(String type, Object payload) {
    current = machine.apply(started(), action(type, payload)).instance();
    return this;
  }

  /** Applies action {@code type} with {@code payload} and returns what came of it. */
  public Outcome<S> when(String type, Object payload) {
    return when(action(type, payload));
  }

  /** The intents awaiting their outcome so far. */
  public List<Intent> pending() {
    return started().pendingIntents();
  }

  /** Reports that the pending intent {@code intent} succeeded with {@code result}. */
  public Outcome<S> whenSucceeded(Intent intent, Object result) {
    return when(new IntentOutcome.Succeeded(intent.intentId(), json(result)).reportOf(intent, T0));
  }

  /** Reports that the pending intent {@code intent} failed with {@code error}. */
  public Outcome<S> whenFailed(Intent intent, String error) {
    return when(new IntentOutcome.Failed(intent.intentId(), error, 1).reportOf(intent, T0));
  }

  /** Applies {@code action}; an accepted action becomes the scenario's current state. */
  public Outcome<S> when(Action action) {
    try {
      Applied<S> applied = machine.apply(started(), action);
      current = applied.instance();
      return new Outcome<>(applied, null);
    } catch (WorkflowException e) {
      return new Outcome<>(null, e);
    }
  }

  /** The state of the instance so far. */
  public S state() {
    return started().state();
  }

  /** The instance so far, with its status, sequence and pending intents. */
  public WorkflowInstance<S> instance() {
    return started();
  }

  private WorkflowInstance<S> started() {
    if (current == null) {
      throw new IllegalStateException(
          "Expected the scenario of '" + instanceId + "' to be started with givenStarted(input)");
    }
    return current;
  }

  private static Action action(String type, Object payload) {
    return Action.builder(type).payload(json(payload)).issuedAt(T0).build();
  }

  private static JsonNode json(Object value) {
    return EngineJson.toJson(value);
  }

  /**
   * What one action did: the event and the instance it led to, or the error that refused it. Its
   * expectations fail the test with AssertJ's messages.
   */
  public record Outcome<S>(Applied<S> applied, WorkflowException error) {

    /** Expects the action accepted, leading to {@code expected} (numbers compared by value). */
    public Outcome<S> expectState(S expected) {
      assertThat(error).as("the action's error").isNull();
      assertThat(applied.instance().state())
          .usingRecursiveComparison()
          .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
          .isEqualTo(expected);
      return this;
    }

    /** Expects the action accepted, leaving the instance in {@code expected}. */
    public Outcome<S> expectStatus(InstanceStatus expected) {
      assertThat(error).as("the action's error").isNull();
      assertThat(applied.instance().status()).isEqualTo(expected);
      return this;
    }

    /** The intents the accepted action emitted. */
    public List<Intent> intents() {
      assertThat(error).as("the action's error").isNull();
      return applied.event().intents();
    }

    /** The state the accepted action led to. */
    public S state() {
      assertThat(error).as("the action's error").isNull();
      return applied.instance().state();
    }

    /** Expects the reducer to have refused the action for {@code reason}. */
    public TransitionRejectedException expectRejected(String reason) {
      assertThat(error).isInstanceOf(TransitionRejectedException.class);
      TransitionRejectedException rejected = (TransitionRejectedException) error;
      assertThat(rejected.rejection().reason()).isEqualTo(reason);
      return rejected;
    }
  }
}
