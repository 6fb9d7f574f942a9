package io.onex.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.testing.Actions;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.node.cli.JournalServerCommand;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal-server command's database serves as the shared journal of engine nodes. */
class JournalServerTest {

  @TempDir Path dir;

  private static WorkflowEngine engineOn(String url) {
    return WorkflowEngine.create(
        ConfigFactory.parseMap(Map.of("onex.journal.url", url, "onex.cluster.port", 0))
            .withFallback(ConfigFactory.load())
            .resolve(),
        new WorkflowRegistry().register(CounterWorkflow.definition()));
  }

  @Test
  void shouldKeepAnInstanceAcrossNodesOfTheServedJournalWithCommitsWrittenAtOnce()
      throws Exception {
    try (JournalServerCommand.Served served = JournalServerCommand.serve(0, dir, false)) {
      // given a node that started and changed an instance on the served journal
      try (WorkflowEngine first = engineOn(served.url())) {
        first
            .client()
            .start(
                CounterWorkflow.TYPE,
                StartRequest.of("shared-1", Actions.json(Map.of("initial", 1))))
            .toCompletableFuture()
            .join();
        first
            .client()
            .send(
                CounterWorkflow.TYPE,
                "shared-1",
                ActionRequest.of("Increment", Actions.json(Map.of("by", 2))))
            .toCompletableFuture()
            .join();
      }

      // when another node opens the same journal
      InstanceView seen;
      try (WorkflowEngine second = engineOn(served.url())) {
        seen = second.client().get(CounterWorkflow.TYPE, "shared-1").toCompletableFuture().join();
      }

      // then it has the instance, and the database writes every commit before answering
      assertThat(seen.sequence()).isEqualTo(2);
      assertThat(seen.state().get("value").asInt()).isEqualTo(3);
      try (Connection connection = DriverManager.getConnection(served.url(), "sa", "");
          ResultSet writeDelay =
              connection
                  .createStatement()
                  .executeQuery(
                      "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                          + " WHERE SETTING_NAME = 'WRITE_DELAY'")) {
        assertThat(writeDelay.next()).isTrue();
        assertThat(writeDelay.getString(1)).isEqualTo("0");
      }
    }
  }
}
