package io.onex.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.testing.EffectLedger;
import io.onex.engine.cluster.testing.JobWorkflow;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.persistence.JournalSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances are not remembered by sharding: the ones that await work when their node stops are
 * woken from the awaiting-instances index. Nothing in these tests sends the instance a message
 * after the crash: the history is read from the journal, which wakes nobody.
 */
class AwaitingWakeTest {

  @TempDir Path dataDir;
  private final EffectLedger ledger = new EffectLedger();
  private String indexDelay = "500ms";

  private Config config(String passivateAfter) {
    return ConfigFactory.parseMap(
            Map.of(
                "onex.data-dir",
                dataDir.toString(),
                "onex.cluster.port",
                0,
                "onex.instance.passivate-idle-after",
                passivateAfter,
                "onex.instance.awaiting-index.delay",
                indexDelay))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  private WorkflowEngine start(Duration effectTakes, String passivateAfter) {
    return WorkflowEngine.builder(config(passivateAfter))
        .workflow(JobWorkflow.definition())
        .handler(system -> ledger.handler(system, JobWorkflow.INTENT_TYPE, effectTakes))
        .start();
  }

  @Test
  void shouldWakeAnInstanceThatAwaitedAnIntentWhenItsNodeCrashed() {
    // given a job whose work is in flight when its node crashes, after the index recorded it
    WorkflowEngine first = start(Duration.ofMinutes(10), "2 minutes");
    run(first, "crashed");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> awaitingRows().contains("job/crashed"));
    crash(first);

    // when a new node starts on the journal
    try (WorkflowEngine second = start(Duration.ZERO, "2 minutes")) {
      // then the job completes by itself, its work done once
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> outcomes(second, "crashed") == 1);
      assertThat(ledger.applied()).hasSize(1);
    }
  }

  @Test
  void shouldWakeAnInstanceWhoseNodeCrashedBeforeTheIndexRecordedIt() throws Exception {
    // given a job whose work is in flight when its node crashes, long before the index records it
    indexDelay = "3s";
    WorkflowEngine first = start(Duration.ofMinutes(10), "2 minutes");
    run(first, "sudden");
    crash(first);

    assertThat(awaitingRows()).isEmpty();

    // when a new node starts on the journal, then the projection catches up and wakes it
    try (WorkflowEngine second = start(Duration.ZERO, "2 minutes")) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> outcomes(second, "sudden") == 1);
    }
  }

  @Test
  void shouldForgetAnInstanceThatStoppedWithNothingPending() {
    // given a job that completed and then passivated
    try (WorkflowEngine engine = start(Duration.ZERO, "300ms")) {
      run(engine, "done");
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> outcomes(engine, "done") == 1);

      // then nothing is left to wake
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> awaitingRows().isEmpty());
    }
  }

  private static void run(WorkflowEngine engine, String id) {
    engine
        .client()
        .start(JobWorkflow.TYPE, StartRequest.of(id, EngineJson.mapper().createObjectNode()))
        .thenCompose(
            started ->
                engine
                    .client()
                    .send(
                        JobWorkflow.TYPE,
                        id,
                        ActionRequest.of("Run", EngineJson.mapper().createObjectNode())))
        .toCompletableFuture()
        .join();
  }

  private static void crash(WorkflowEngine engine) {
    engine.system().terminate();
    engine.system().getWhenTerminated().toCompletableFuture().join();
  }

  /** How many outcomes the journal holds for job {@code id}; asks the instance nothing. */
  private static long outcomes(WorkflowEngine engine, String id) {
    List<WorkflowEvent> history =
        engine.client().history().export(JobWorkflow.TYPE, id).toCompletableFuture().join();
    return history.stream().filter(e -> IntentOutcome.isOutcome(e.action().type())).count();
  }

  private List<String> awaitingRows() throws Exception {
    DataSource pool = JournalSettings.fromConfig(config("2 minutes")).openPool("test", 1);
    try (Connection connection = pool.getConnection();
        Statement query = connection.createStatement();
        ResultSet rows =
            query.executeQuery("SELECT workflow_type, instance_id FROM onex_awaiting_instances")) {
      List<String> found = new ArrayList<>();
      while (rows.next()) {
        found.add(rows.getString(1) + "/" + rows.getString(2));
      }
      return found;
    } finally {
      ((AutoCloseable) pool).close();
    }
  }
}
