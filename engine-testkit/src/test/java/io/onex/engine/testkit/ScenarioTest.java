package io.onex.engine.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.CounterWorkflow.Counter;
import io.onex.engine.core.testing.CounterWorkflow.CounterAction;
import io.onex.engine.core.testing.CounterWorkflow.CounterStart;
import io.onex.engine.core.testing.CounterWorkflow.Decrement;
import io.onex.engine.core.testing.CounterWorkflow.Increment;
import io.onex.engine.core.testing.CounterWorkflow.Notify;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Scenario kit on the core's counter, as a user would write a reducer test. */
class ScenarioTest {

  private Scenario<Counter, CounterAction> counter() {
    return Scenario.of(CounterWorkflow.definition(), "c-1").givenStarted(new CounterStart(2));
  }

  @Test
  void shouldExpectTheStateAnAcceptedActionLeadsTo() {
    counter()
        .given("Increment", new Increment(3))
        .when("Decrement", new Decrement(1))
        .expectState(new Counter(4, 2))
        .expectStatus(InstanceStatus.RUNNING);
  }

  @Test
  void shouldExpectTheReasonTheReducerRefusesFor() {
    counter().when("Decrement", new Decrement(5)).expectRejected("counter-negative");
  }

  @Test
  void shouldReportAnIntentsOutcomeBackToTheInstance() {
    // given
    Scenario<Counter, CounterAction> scenario = counter();
    Intent notify = scenario.when("Notify", new Notify("audit")).intents().get(0);
    assertThat(scenario.pending()).containsExactly(notify);

    // when
    scenario.whenSucceeded(notify, Map.of("logged", true)).expectStatus(InstanceStatus.RUNNING);

    // then
    assertThat(scenario.pending()).isEmpty();
    assertThat(scenario.instance().sequence()).isEqualTo(3);
  }

  @Test
  void shouldFailTheTestWhenAnExpectationDoesNotHold() {
    assertThatThrownBy(
            () -> counter().when("Increment", new Increment(1)).expectState(new Counter(9, 9)))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> counter().when("Increment", new Increment(1)).expectRejected("x"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void shouldNameTheMissingStartWhenAScenarioIsNotStarted() {
    assertThatThrownBy(
            () -> Scenario.of(CounterWorkflow.definition(), "c-2").given("Finish", Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("givenStarted");
  }
}
