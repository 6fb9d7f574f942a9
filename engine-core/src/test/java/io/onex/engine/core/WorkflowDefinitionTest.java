package io.onex.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.engine.core.error.TransitionRejectedException;
import io.onex.engine.core.error.UnknownWorkflowTypeException;
import io.onex.engine.core.error.WorkflowError;
import io.onex.engine.core.error.WorkflowException;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.CounterWorkflow.Counter;
import io.onex.engine.core.testing.CounterWorkflow.CounterAction;
import io.onex.engine.core.testing.CounterWorkflow.Increment;
import org.junit.jupiter.api.Test;

class WorkflowDefinitionTest {

  @Test
  void shouldNameTheMissingPartWhenBuiltIncomplete() {
    assertThatThrownBy(
            () -> WorkflowDefinition.<Counter, CounterAction>builder("counter", 1).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("counter")
        .hasMessageContaining("state(type, schema)");
  }

  @Test
  void shouldRejectTypeNamesOutsideTheIdentifierAlphabet() {
    assertThatThrownBy(
            () -> WorkflowDefinition.<Counter, CounterAction>builder("bad type", 1).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[A-Za-z0-9._:-]");
  }

  @Test
  void shouldRejectAnActionDeclaredTwice() {
    var builder =
        WorkflowDefinition.<Counter, CounterAction>builder("counter", 1)
            .action(
                "Increment",
                Increment.class,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    assertThatThrownBy(
            () ->
                builder.action(
                    "Increment",
                    Increment.class,
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()))
        .hasMessageContaining("declared twice");
  }

  @Test
  void shouldKeepEveryVersionAndStartNewInstancesOnTheLatest() {
    // given
    WorkflowRegistry registry = new WorkflowRegistry();

    // when
    registry.register(CounterWorkflow.definition(1, 1)).register(CounterWorkflow.definition(2, 2));

    // then
    assertThat(registry.require("counter").version()).isEqualTo(2);
    assertThat(registry.require("counter", 1).version()).isEqualTo(1);
    assertThat(registry.versions("counter")).hasSize(2);
    assertThat(registry.types()).containsExactly("counter");
  }

  @Test
  void shouldRefuseToRegisterTheSameVersionTwice() {
    WorkflowRegistry registry = new WorkflowRegistry().register(CounterWorkflow.definition());

    assertThatThrownBy(() -> registry.register(CounterWorkflow.definition()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already registered");
  }

  @Test
  void shouldThrowUnknownTypeForUnregisteredTypeOrVersion() {
    WorkflowRegistry registry = new WorkflowRegistry().register(CounterWorkflow.definition());

    assertThatThrownBy(() -> registry.require("nope"))
        .isInstanceOf(UnknownWorkflowTypeException.class);
    assertThatThrownBy(() -> registry.require("counter", 9))
        .isInstanceOf(UnknownWorkflowTypeException.class)
        .hasMessageContaining("version 9");
  }

  @Test
  void shouldRestoreTheSameExceptionTypeFromItsErrorDescription() {
    var original = new TransitionRejectedException(new Rejection("order-empty", "no items"));

    WorkflowException restored = WorkflowError.of(original).toException();

    assertThat(restored).isInstanceOf(TransitionRejectedException.class).hasMessage("no items");
    assertThat(((TransitionRejectedException) restored).rejection().reason())
        .isEqualTo("order-empty");
  }
}
