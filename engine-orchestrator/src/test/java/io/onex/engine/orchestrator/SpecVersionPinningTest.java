package io.onex.engine.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.orchestrator.testing.SpecNode;
import io.onex.engine.orchestrator.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance is pinned to the spec version it started on: registering a new version with another
 * body changes nothing for instances already running (their steps, the targets they call, the
 * version every event records), while new instances start on the new version.
 */
class SpecVersionPinningTest {

  @TempDir static Path dataDir;
  static TestServices services;
  static SpecNode node;

  static final String V1 =
      """
      {"type": "pinned", "version": 1,
       "steps": [
         {"name": "ask", "wait": {"action": "Approve"}},
         {"name": "record", "handler": "http", "target": "work", "metadata": {"path": "/record-v1"}}
       ]}
      """;

  static final String V2 =
      """
      {"type": "pinned", "version": 2,
       "steps": [
         {"name": "ask", "wait": {"action": "Approve"}},
         {"name": "record", "handler": "http", "target": "work", "metadata": {"path": "/record-v2"}},
         {"name": "notify", "handler": "http", "target": "work", "metadata": {"path": "/notify-v2"}}
       ]}
      """;

  @BeforeAll
  static void start() {
    services = new TestServices();
    node = SpecNode.start(SpecNode.config(dataDir, services, Map.of()));
  }

  @AfterAll
  static void stop() {
    node.close();
    services.close();
  }

  static void register(String json) {
    JsonNode document = WorkflowSpecs.read(json);
    node.specs()
        .register("pinned", document.path("version").asInt(), document)
        .toCompletableFuture()
        .join();
  }

  static InstanceView started(String id) {
    return node.engine()
        .client()
        .start("pinned", StartRequest.of(id, Map.of()))
        .toCompletableFuture()
        .join();
  }

  static InstanceView view(String id) {
    return node.engine().client().get("pinned", id).toCompletableFuture().join();
  }

  static void approve(String id) {
    node.engine()
        .client()
        .instance("pinned", id)
        .send(ActionRequest.of("Approve", Map.of("by", "ann")))
        .toCompletableFuture()
        .join();
  }

  static InstanceView awaitEnd(String id) {
    return node.engine()
        .client()
        .instance("pinned", id)
        .awaitEnd(Duration.ofSeconds(30))
        .toCompletableFuture()
        .join();
  }

  static List<WorkflowEvent> history(String id) {
    return node.engine().client().history().export("pinned", id).toCompletableFuture().join();
  }

  static List<String> stepNames(InstanceView view) {
    List<String> names = new ArrayList<>();
    view.state().path("steps").fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void shouldKeepARunningInstanceOnItsVersionWhenANewVersionIsRegistered() {
    // given an instance of version 1 waiting for its approval
    register(V1);
    assertThat(started("old-1").definitionVersion()).isEqualTo(1);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> view("old-1").state().at("/steps/ask/status").asText().equals("WAITING"));

    // when version 2, with another body, is registered and a new instance starts
    register(V2);
    InstanceView fresh = started("new-1");
    approve("old-1");
    approve("new-1");

    // then the old instance ran version 1 to its end, and the new one version 2
    InstanceView old = awaitEnd("old-1");
    InstanceView renewed = awaitEnd("new-1");
    assertThat(old.status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(old.definitionVersion()).isEqualTo(1);
    assertThat(stepNames(old)).containsExactlyInAnyOrder("ask", "record");
    assertThat(history("old-1")).extracting(WorkflowEvent::definitionVersion).containsOnly(1);

    assertThat(fresh.definitionVersion()).isEqualTo(2);
    assertThat(renewed.status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(renewed.definitionVersion()).isEqualTo(2);
    assertThat(stepNames(renewed)).containsExactlyInAnyOrder("ask", "record", "notify");
    assertThat(history("new-1")).extracting(WorkflowEvent::definitionVersion).containsOnly(2);

    assertThat(services.calls("work/record-v1")).singleElement();
    assertThat(services.calls("work/record-v2")).singleElement();
    assertThat(services.calls("work/notify-v2")).singleElement();
  }
}
