package io.onex.engine.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.onex.engine.core.ReduceContext;
import io.onex.engine.core.Reducer;
import io.onex.engine.core.Rejection;
import io.onex.engine.core.Transition;
import io.onex.engine.core.WorkflowDefinition;
import java.util.Map;
import java.util.Optional;

/**
 * A small workflow for the engine's own tests: a counter that can be incremented, decremented (not
 * below zero), asked to emit an intent, finished or abandoned.
 */
public final class CounterWorkflow {

  public static final String TYPE = "counter";

  /** The type of the single-writer counter, {@link #singleWriter()}. */
  public static final String SINGLE_WRITER_TYPE = "fenced-counter";

  private CounterWorkflow() {}

  /** The counter's actions. */
  public sealed interface CounterAction {}

  public record Increment(int by) implements CounterAction {}

  public record Decrement(int by) implements CounterAction {}

  public record Notify(String target) implements CounterAction {}

  public record Finish() implements CounterAction {}

  /** Asks for an increment by 100 after {@code delayMs}, through a durable timer. */
  public record Remind(long delayMs) implements CounterAction {}

  public record Abandon(String reason) implements CounterAction {}

  public record CounterStart(int initial) {}

  public record Counter(int value, int changes) {}

  /** Version 1: the reference behaviour. */
  public static WorkflowDefinition<Counter, CounterAction> definition() {
    return definition(1, 1);
  }

  /**
   * A definition whose increments are multiplied by {@code factor}; with a factor other than 1 it
   * no longer agrees with histories written by {@link #definition()}.
   */
  public static WorkflowDefinition<Counter, CounterAction> definition(int version, int factor) {
    return builder(TYPE, version, factor).build();
  }

  private static WorkflowDefinition.Builder<Counter, CounterAction> builder(
      String type, int version, int factor) {
    return WorkflowDefinition.<Counter, CounterAction>builder(type, version)
        .description("A counter")
        .state(Counter.class, schema("{\"type\":\"object\"}"))
        .start(
            CounterStart.class,
            schema(
                "{\"type\":\"object\",\"properties\":{\"initial\":{\"type\":\"integer\",\"minimum\":0}},"
                    + "\"required\":[\"initial\"]}"),
            (input, context) -> new Counter(input.initial(), 0))
        .action("Increment", Increment.class, byAtLeastOne())
        .action("Decrement", Decrement.class, byAtLeastOne())
        .action("Notify", Notify.class, schema("{\"type\":\"object\",\"required\":[\"target\"]}"))
        .action("Finish", Finish.class, schema("{\"type\":\"object\"}"))
        .action("Remind", Remind.class, schema("{\"type\":\"object\",\"required\":[\"delayMs\"]}"))
        .action("Abandon", Abandon.class, schema("{\"type\":\"object\"}"))
        .reducer(new CounterReducer(factor));
  }

  /**
   * The reference counter as a single-writer type ({@code fenced-counter}): every start and action
   * must carry the current lease on the instance.
   */
  public static WorkflowDefinition<Counter, CounterAction> singleWriter() {
    return builder(SINGLE_WRITER_TYPE, 1, 1).requireLease().build();
  }

  /**
   * The reference counter as version {@code version} of type {@code type}, single-writer when
   * {@code leaseRequired}: for versions that differ only in whether they require a lease.
   */
  public static WorkflowDefinition<Counter, CounterAction> definition(
      String type, int version, boolean leaseRequired) {
    WorkflowDefinition.Builder<Counter, CounterAction> builder = builder(type, version, 1);
    return leaseRequired ? builder.requireLease().build() : builder.build();
  }

  /** The type of the counter whose state schema bounds its value, {@link #bounded(int)}. */
  public static final String BOUNDED_TYPE = "bounded-counter";

  /**
   * The reference counter whose state schema allows values up to {@code max} only: a reducer that
   * can produce a state its own schema refuses.
   */
  public static WorkflowDefinition<Counter, CounterAction> bounded(int max) {
    return builder(BOUNDED_TYPE, 1, 1)
        .state(
            Counter.class,
            schema(
                "{\"type\":\"object\",\"properties\":{\"value\":{\"type\":\"integer\","
                    + "\"maximum\":"
                    + max
                    + "}},\"required\":[\"value\"]}"))
        .build();
  }

  private static JsonNode byAtLeastOne() {
    return schema(
        "{\"type\":\"object\",\"properties\":{\"by\":{\"type\":\"integer\",\"minimum\":1}},"
            + "\"required\":[\"by\"],\"additionalProperties\":false}");
  }

  private static JsonNode schema(String json) {
    try {
      return new JsonMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private record CounterReducer(int factor) implements Reducer<Counter, CounterAction> {

    @Override
    public Optional<Rejection> validate(Counter state, CounterAction action, ReduceContext ctx) {
      if (action instanceof Decrement decrement && decrement.by() > state.value()) {
        return Optional.of(
            new Rejection(
                "counter-negative",
                "Expected counter '"
                    + ctx.instanceId()
                    + "' to stay at or above zero, but "
                    + state.value()
                    + " - "
                    + decrement.by()
                    + " is below"));
      }
      return Optional.empty();
    }

    @Override
    public Transition<Counter> reduce(Counter state, CounterAction action, ReduceContext ctx) {
      if (action instanceof Increment increment) {
        return Transition.to(
            new Counter(state.value() + increment.by() * factor, state.changes() + 1));
      }
      if (action instanceof Decrement decrement) {
        return Transition.to(new Counter(state.value() - decrement.by(), state.changes() + 1));
      }
      if (action instanceof Notify notify) {
        return Transition.to(state)
            .emit(
                ctx.intent("log", notify.target())
                    .payload(Map.of("value", state.value(), "at", ctx.now().toString()))
                    .build());
      }
      if (action instanceof Remind remind) {
        return Transition.to(state)
            .emit(
                ctx.timerAfter(
                    java.time.Duration.ofMillis(remind.delayMs()), "Increment", Map.of("by", 100)));
      }
      if (action instanceof Finish) {
        return Transition.to(state).complete();
      }
      return Transition.to(state).cancel(((Abandon) action).reason());
    }
  }
}
