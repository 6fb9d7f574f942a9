package io.onex.engine.samples.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.replay.ReplayReport;
import io.onex.engine.core.replay.WorkflowReplayer;
import io.onex.engine.persistence.HistoryFiles;
import io.onex.engine.samples.Samples;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the order reducer against unintended changes: a history recorded by a real node (exported
 * with {@code history export}) must still replay with the same states and intents.
 */
class OrderHistoryReplayTest {

  private static List<WorkflowEvent> recorded(String name) throws Exception {
    try (Reader reader =
        new InputStreamReader(
            OrderHistoryReplayTest.class.getResourceAsStream("/histories/" + name),
            StandardCharsets.UTF_8)) {
      return HistoryFiles.read(reader);
    }
  }

  @Test
  void shouldStillAgreeWithARecordedCompletedOrder() throws Exception {
    List<WorkflowEvent> history = recorded("order-completed.ndjson");

    ReplayReport report = WorkflowReplayer.of(Samples.registry()).replay(history, 1);

    assertThat(report.agrees()).as("%s", report.firstDivergence()).isTrue();
    assertThat(report.events()).hasSize(history.size());
    assertThat(history.get(history.size() - 1).status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(WorkflowReplayer.of(Samples.registry()).stateAt(history, history.size()).state())
        .isInstanceOfSatisfying(
            OrderState.class,
            state -> assertThat(state.phase()).isEqualTo(OrderState.Phase.SHIPPED));
  }
}
