package io.onex.engine.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.Intent;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.orchestrator.testing.SpecNode;
import io.onex.engine.orchestrator.testing.TestServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code workflow} intent's {@code signal} is sent under the intent's idempotency key, so a
 * repeated attempt of the same intent is applied once by the target instance. The target is the
 * core tests' counter, which accepts any number of increments, so a second application would show
 * in its value and its history.
 */
class SignalIdempotencyTest {

  @TempDir static Path dataDir;
  static TestServices services;
  static SpecNode node;

  @BeforeAll
  static void start() {
    services = new TestServices();
    node =
        SpecNode.start(SpecNode.config(dataDir, services, Map.of()), CounterWorkflow.definition());
  }

  @AfterAll
  static void stop() {
    node.close();
    services.close();
  }

  static void startCounter(String id) {
    node.engine()
        .client()
        .start(CounterWorkflow.TYPE, StartRequest.of(id, Map.of("initial", 0)))
        .toCompletableFuture()
        .join();
  }

  static int counterValue(String id) {
    return node.engine()
        .client()
        .get(CounterWorkflow.TYPE, id)
        .toCompletableFuture()
        .join()
        .state()
        .path("value")
        .asInt();
  }

  static List<WorkflowEvent> increments(String id) {
    return node
        .engine()
        .client()
        .history()
        .export(CounterWorkflow.TYPE, id)
        .toCompletableFuture()
        .join()
        .stream()
        .filter(e -> e.action().type().equals("Increment"))
        .toList();
  }

  /**
   * Attempt {@code attempt} of intent {@code intentId}, keyed {@code key}, signalling {@code to}.
   */
  static EffectRequest incrementAttempt(String intentId, String key, String to, int attempt) {
    ObjectNode payload = EngineJson.mapper().createObjectNode();
    payload.put("operation", "signal").put("instanceId", to).put("action", "Increment");
    payload.putObject("payload").put("by", 1);
    Intent intent =
        new Intent(
            intentId,
            WorkflowIntentHandler.TYPE,
            CounterWorkflow.TYPE,
            payload,
            null,
            null,
            key,
            "signaller-event-1",
            "signaller-flow",
            List.of("signaller-action-1", "signaller-event-1", intentId),
            Map.of());
    return new EffectRequest("signaller", "sig-1", intent, attempt);
  }

  static WorkflowIntentHandler boundHandler() {
    WorkflowIntentHandler handler = new WorkflowIntentHandler();
    handler.bind(node.engine().client());
    return handler;
  }

  static JsonNode execute(WorkflowIntentHandler handler, EffectRequest request) {
    return handler.execute(request, ConfigFactory.empty()).toCompletableFuture().join().value();
  }

  @Test
  void shouldApplyTheSignalOnceWhenTheSameIntentIsAttemptedTwice() {
    // given
    startCounter("target-1");
    WorkflowIntentHandler handler = boundHandler();
    JsonNode firstAnswer = execute(handler, incrementAttempt("intent-1", "key-1", "target-1", 1));

    // when
    JsonNode repeatedAnswer =
        execute(handler, incrementAttempt("intent-1", "key-1", "target-1", 2));

    // then
    assertThat(repeatedAnswer).isEqualTo(firstAnswer);
    assertThat(counterValue("target-1")).isEqualTo(1);
    assertThat(increments("target-1"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action().idempotencyKey()).isEqualTo("key-1");
              assertThat(e.action().metadata())
                  .containsEntry("onex.senderType", "signaller")
                  .containsEntry("onex.senderId", "sig-1");
            });
  }

  @Test
  void shouldApplyBothSignalsWhenTheirIdempotencyKeysDiffer() {
    // given
    startCounter("target-2");
    WorkflowIntentHandler handler = boundHandler();
    execute(handler, incrementAttempt("intent-a", "key-a", "target-2", 1));

    // when
    execute(handler, incrementAttempt("intent-b", "key-b", "target-2", 1));

    // then
    assertThat(counterValue("target-2")).isEqualTo(2);
    assertThat(increments("target-2"))
        .extracting(e -> e.action().idempotencyKey())
        .containsExactly("key-a", "key-b");
  }
}
