package io.onex.engine.cluster.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.WorkflowEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal written by release 0.1 has no awaiting-instances index (that release had sharding
 * remember every instance): the first node on it wakes every instance once, so that the one with an
 * intent pending carries it out without anyone asking it.
 */
class LegacyJournalWakeTest {

  @TempDir Path dataDir;

  @Test
  void shouldCarryOutThePendingIntentOfAnOldJournalWithoutAMessage() throws Exception {
    // given
    JournalFixture.restore(JournalFixture.RELEASE_0_1, dataDir);

    // when
    try (WorkflowEngine engine =
        WorkflowEngine.create(JournalFixture.nodeConfig(dataDir), JournalFixture.registry(true))) {
      // then (the journal is read directly: that wakes nobody)
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> history(engine).size() == 4);
      WorkflowEvent last = history(engine).get(3);
      assertThat(last.action().type()).isEqualTo(IntentOutcome.SUCCEEDED);
    }
  }

  private static List<WorkflowEvent> history(WorkflowEngine engine) {
    return engine.client().history().export("counter", "c-pending").toCompletableFuture().join();
  }
}
