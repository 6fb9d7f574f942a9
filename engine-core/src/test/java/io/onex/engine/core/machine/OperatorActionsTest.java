package io.onex.engine.core.machine;

import static io.onex.engine.core.testing.Actions.action;
import static io.onex.engine.core.testing.Actions.json;
import static io.onex.engine.core.testing.Actions.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.engine.core.Action;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.OperatorActions;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.error.InstanceClosedException;
import io.onex.engine.core.error.InvalidPayloadException;
import io.onex.engine.core.error.MigrationRefusedException;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import io.onex.engine.core.replay.WorkflowReplayer;
import io.onex.engine.core.testing.Actions;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.CounterWorkflow.Counter;
import io.onex.engine.core.testing.CounterWorkflow.CounterAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's operator actions, applied purely and reproduced by replay. */
class OperatorActionsTest {

  private final InstanceMachine<Counter, CounterAction> v1 =
      InstanceMachine.of(CounterWorkflow.definition());

  private static Action operator(String type, Map<String, ?> payload) {
    return Action.builder(type).payload(json(payload)).issuedAt(Actions.T0).build();
  }

  @Test
  void shouldTerminateWhateverTheReducerAndAbandonPendingIntents() {
    Applied<Counter> started = v1.start("c-1", start(Map.of("initial", 1)));
    Applied<Counter> reminded =
        v1.apply(started.instance(), action("Remind", Map.of("delayMs", 1000)));
    assertThat(reminded.instance().pendingIntents()).hasSize(1);

    Applied<Counter> terminated =
        v1.apply(
            reminded.instance(), operator(OperatorActions.TERMINATE, Map.of("reason", "stuck")));

    assertThat(terminated.instance().status()).isEqualTo(InstanceStatus.CANCELLED);
    assertThat(terminated.instance().statusReason()).isEqualTo("stuck");
    assertThat(terminated.instance().pendingIntents()).isEmpty();
    assertThat(terminated.instance().state()).isEqualTo(reminded.instance().state());
    assertThat(v1.replay(reminded.instance(), terminated.event())).isEqualTo(terminated.instance());
    assertThatThrownBy(
            () ->
                v1.apply(
                    terminated.instance(),
                    operator(OperatorActions.TERMINATE, Map.of("reason", "again"))))
        .isInstanceOf(InstanceClosedException.class);
    assertThatThrownBy(
            () ->
                v1.apply(
                    reminded.instance(),
                    operator(OperatorActions.TERMINATE, Map.of("reason", " "))))
        .isInstanceOfSatisfying(
            InvalidPayloadException.class, e -> assertThat(e.field()).isEqualTo("reason"));
  }

  @Test
  void shouldMigrateToAVersionThatReplaysTheHistoryAndStartOverFromTheMigration() {
    WorkflowDefinition<Counter, CounterAction> agreeing = CounterWorkflow.definition(2, 1);
    WorkflowDefinition<Counter, CounterAction> diverging = CounterWorkflow.definition(3, 7);
    WorkflowRegistry registry =
        new WorkflowRegistry()
            .register(CounterWorkflow.definition())
            .register(agreeing)
            .register(diverging);
    List<WorkflowEvent> history = new ArrayList<>();
    Applied<Counter> started = v1.start("c-1", start(Map.of("initial", 1)));
    history.add(started.event());
    Applied<Counter> incremented =
        v1.apply(started.instance(), action("Increment", Map.of("by", 2)));
    history.add(incremented.event());
    WorkflowReplayer replayer = WorkflowReplayer.of(registry);

    assertThatThrownBy(() -> replayer.migrationTo(history, 3))
        .isInstanceOf(MigrationRefusedException.class)
        .hasMessageContaining("event 2");
    OperatorActions.Migrate payload = replayer.migrationTo(history, 2);
    Applied<Counter> migrated =
        InstanceMachine.of(agreeing)
            .migrate(
                "c-1",
                Action.builder(OperatorActions.MIGRATE)
                    .payload(io.onex.engine.core.json.EngineJson.mapper().valueToTree(payload))
                    .issuedAt(Actions.T0)
                    .build());
    history.add(migrated.event());

    assertThat(migrated.event().sequence()).isEqualTo(3);
    assertThat(migrated.instance().definitionVersion()).isEqualTo(2);
    assertThat(migrated.instance().state()).isEqualTo(incremented.instance().state());
    WorkflowInstance<Object> replayed = replayer.stateAt(history, 3);
    assertThat(replayed.definitionVersion()).isEqualTo(2);
    assertThat(replayed.stateDigest()).isEqualTo(migrated.instance().stateDigest());
    // a checkpoint: replayed with nothing before it
    assertThat(InstanceMachine.of(agreeing).replay(null, migrated.event()).stateDigest())
        .isEqualTo(migrated.instance().stateDigest());
  }

  @Test
  void shouldRefuseDefinitionsThatUseTheReservedPrefix() {
    assertThatThrownBy(
            () ->
                WorkflowDefinition.<Counter, CounterAction>builder("x", 1)
                    .action("onex.Terminate", CounterWorkflow.Finish.class, json(Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
  }
}
