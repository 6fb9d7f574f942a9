package io.onex.engine.core.replay;

import static io.onex.engine.core.testing.Actions.action;
import static io.onex.engine.core.testing.Actions.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.machine.InstanceMachine;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.CounterWorkflow.Counter;
import io.onex.engine.core.testing.CounterWorkflow.CounterAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowReplayerTest {

  private final WorkflowRegistry registry =
      new WorkflowRegistry()
          .register(CounterWorkflow.definition(1, 1))
          .register(CounterWorkflow.definition(2, 2))
          .register(CounterWorkflow.definition(3, 1));

  private final List<WorkflowInstance<Counter>> liveStates = new ArrayList<>();

  /** A 200-event history written live by version 1, remembering the state after each event. */
  private List<WorkflowEvent> history() {
    InstanceMachine<Counter, CounterAction> live =
        InstanceMachine.of(CounterWorkflow.definition(1, 1));
    List<WorkflowEvent> events = new ArrayList<>();
    Applied<Counter> applied = live.start("c-1", start(Map.of("initial", 0)));
    events.add(applied.event());
    liveStates.add(applied.instance());
    for (int i = 2; i <= 200; i++) {
      var next =
          i % 10 == 0
              ? action("Notify", Map.of("target", "audit"))
              : action("Increment", Map.of("by", i % 7 + 1));
      applied = live.apply(applied.instance(), next);
      events.add(applied.event());
      liveStates.add(applied.instance());
    }
    return events;
  }

  @Test
  void shouldRebuildTheLiveStateAtEverySequenceNumber() {
    List<WorkflowEvent> history = history();
    WorkflowReplayer replayer = WorkflowReplayer.of(registry);

    for (int n = 1; n <= 200; n++) {
      WorkflowInstance<Object> replayed = replayer.stateAt(history, n);
      WorkflowInstance<Counter> live = liveStates.get(n - 1);
      assertThat(replayed.sequence()).isEqualTo(n);
      assertThat(replayed.state()).isEqualTo(live.state());
      assertThat(replayed.stateDigest()).isEqualTo(live.stateDigest());
      assertThat(replayed.pendingIntents()).isEqualTo(live.pendingIntents());
    }
  }

  @Test
  void shouldReportFullAgreementForAnUnchangedReducer() {
    ReplayReport report = WorkflowReplayer.of(registry).replay(history(), 3);

    assertThat(report.agrees()).isTrue();
    assertThat(report.events()).hasSize(200).allMatch(EventCheck::agrees);
  }

  @Test
  void shouldReportTheFirstDivergingEventWithTheStateDifference() {
    ReplayReport report = WorkflowReplayer.of(registry).replay(history(), 2);

    assertThat(report.agrees()).isFalse();
    Divergence divergence = report.firstDivergence();
    assertThat(divergence.sequence()).isEqualTo(2);
    assertThat(divergence.reason()).isEqualTo("state");
    assertThat(divergence.event().action().type()).isEqualTo("Increment");
    assertThat(divergence.stateDifferences())
        .extracting(StateDifference::path)
        .containsExactly("/value");
    StateDifference value = divergence.stateDifferences().get(0);
    assertThat(value.expected().asInt()).isEqualTo(3);
    assertThat(value.actual().asInt()).isEqualTo(6);
    assertThat(report.events().get(0).agrees()).isTrue();
    assertThat(report.events().get(1).sameState()).isFalse();
  }
}
