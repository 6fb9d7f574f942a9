package io.onex.engine.cluster;

import static io.onex.engine.cluster.testing.Stages.await;
import static io.onex.engine.cluster.testing.Stages.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.testing.SingleNode;
import io.onex.engine.cluster.testing.TicketWorkflow;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceQuery;
import io.onex.engine.core.client.InstanceSummary;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.client.WorkflowClient;
import io.onex.engine.core.error.InstanceNotEndedException;
import io.onex.engine.core.error.InstanceNotFoundException;
import io.onex.engine.persistence.HistoryFiles;
import io.onex.engine.persistence.HistoryInspector;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention removes exactly the ended instances past the age, each exported first, and an export
 * imports back to the same instance; erasing by id removes one ended instance and nothing else.
 */
class RetentionTest {

  private static final String TICKET = "ticket";

  @TempDir Path dataDir;
  @TempDir Path exports;

  private WorkflowEngine start(Map<String, Object> settings) {
    return SingleNode.onH2(
        dataDir, ConfigFactory.parseMap(settings), TicketWorkflow.definition(TICKET, 1));
  }

  private static InstanceView open(WorkflowClient client, String id, String... actions) {
    InstanceView view =
        await(client.start(TICKET, StartRequest.of(id, Map.of("customer", "c-" + id))));
    for (String action : actions) {
      view = await(client.send(TICKET, id, ActionRequest.of(action, null))).instance();
    }
    return view;
  }

  private static List<String> listed(WorkflowClient client) {
    return await(client.list(InstanceQuery.ofType(TICKET))).instances().stream()
        .map(InstanceSummary::instanceId)
        .sorted()
        .toList();
  }

  @Test
  void shouldExportAndEraseExactlyTheEndedInstancesPastTheAge() throws Exception {
    try (WorkflowEngine engine =
        start(
            Map.of(
                "onex.retention.completed-after", "2s",
                "onex.retention.interval", "200ms",
                "onex.retention.export-dir", exports.toString()))) {
      WorkflowClient client = engine.client();
      InstanceView closed = open(client, "old-closed", "Open", "Close");
      open(client, "old-dropped", "Drop");
      open(client, "still-open", "Open");

      // when the ended ones are past the age: the index is kept per slice, so an empty listing
      // alone may only mean they are not indexed yet; an export is written once they were
      Path exported = exports.resolve(TICKET).resolve("old-closed.ndjson");
      Path dropped = exports.resolve(TICKET).resolve("old-dropped.ndjson");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  Files.exists(exported)
                      && Files.exists(dropped)
                      && listed(client).equals(List.of("still-open")));
      InstanceView young = open(client, "young-closed", "Close");

      // then they were exported and erased, and nothing else was
      assertThat(failureOf(client.get(TICKET, "old-closed")))
          .isInstanceOf(InstanceNotFoundException.class);
      assertThat(failureOf(client.get(TICKET, "old-dropped")))
          .isInstanceOf(InstanceNotFoundException.class);
      assertThat(await(client.get(TICKET, "still-open")).sequence()).isEqualTo(2);
      assertThat(await(client.get(TICKET, "young-closed"))).isEqualTo(young);
      assertThat(Files.readAllLines(exported)).hasSize(3);
      assertThat(exports.resolve(TICKET).resolve("still-open.ndjson")).doesNotExist();

      // and an export imports back to the same instance
      List<WorkflowEvent> events;
      try (Reader in = Files.newBufferedReader(exported, StandardCharsets.UTF_8)) {
        events = HistoryFiles.read(in);
      }
      assertThat(
              await(
                  HistoryInspector.create(engine.system(), engine.registry())
                      .importHistory(events, Duration.ofSeconds(10))))
          .isEqualTo(3);
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(() -> await(client.get(TICKET, "old-closed")).equals(closed));
    }
  }

  @Test
  void shouldEraseOneEndedInstanceByIdAndRefuseAnUnfinishedOne() {
    try (WorkflowEngine engine = start(Map.of())) {
      WorkflowClient client = engine.client();
      open(client, "erased", "Reject");
      open(client, "kept", "Open");
      await().atMost(Duration.ofSeconds(10)).until(() -> listed(client).size() == 2);

      await(client.controls().erase(TICKET, "erased"));

      assertThat(failureOf(client.get(TICKET, "erased")))
          .isInstanceOf(InstanceNotFoundException.class);
      assertThat(await(client.history().export(TICKET, "kept"))).hasSize(2);
      assertThat(listed(client)).containsExactly("kept");
      assertThat(failureOf(client.controls().erase(TICKET, "kept")))
          .isInstanceOf(InstanceNotEndedException.class);
      assertThat(await(client.get(TICKET, "kept")).sequence()).isEqualTo(2);
      assertThat(open(client, "erased").sequence()).as("the id can be used again").isEqualTo(1);
    }
  }
}
