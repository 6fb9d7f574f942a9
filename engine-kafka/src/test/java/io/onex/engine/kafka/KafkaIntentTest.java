package io.onex.engine.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.kafka.testing.AnnouncerWorkflow;
import io.onex.engine.kafka.testing.AnnouncerWorkflow.Announce;
import io.onex.engine.kafka.testing.AnnouncerWorkflow.AnnouncerStart;
import io.onex.engine.kafka.testing.KafkaNode;
import io.onex.engine.kafka.testing.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kafka intent: a reducer's intent publishes its envelope to a topic; an intent carried out
 * again after a crash (published, but its outcome never journaled) publishes under the same
 * idempotency key, never a second one.
 */
class KafkaIntentTest {

  private static final Duration SOON = Duration.ofSeconds(60);

  @TempDir Path dataDir;

  private Config config() {
    return KafkaNode.config(
        dataDir,
        TestKafka.broker().bootstrapServers(),
        ConfigFactory.parseMap(
            Map.of(
                "onex.kafka.publication.enabled", "off",
                "onex.instance.awaiting-index.delay", "1s")));
  }

  private static List<ConsumerRecord<String, String>> announcementsOf(
      String instanceId, int atLeast) {
    return TestKafka.readUntil(
            TestKafka.broker().bootstrapServers(),
            AnnouncerWorkflow.TOPIC,
            read -> read.stream().filter(r -> instanceId.equals(r.key())).count() >= atLeast,
            SOON)
        .stream()
        .filter(r -> instanceId.equals(r.key()))
        .toList();
  }

  @Test
  void shouldPublishTheEnvelopeOnceAndUnderOneKeyAfterACrashMidIntent() throws Exception {
    // given: a node whose kafka handler publishes and then never reports (the node "dies" before
    // the outcome is journaled)
    CountDownLatch published = new CountDownLatch(1);
    String intentId;
    try (KafkaNode first =
        KafkaNode.start(
            config(),
            real -> new PublishThenHang(real, published),
            AnnouncerWorkflow.definition())) {
      first
          .engine()
          .client()
          .start(AnnouncerWorkflow.TYPE, StartRequest.of("a-1", new AnnouncerStart()))
          .toCompletableFuture()
          .join();
      InstanceView announced =
          first
              .engine()
              .client()
              .instance(AnnouncerWorkflow.TYPE, "a-1")
              .send("Announce", new Announce("hello"))
              .toCompletableFuture()
              .join()
              .instance();
      intentId = announced.pendingIntents().get(0).intentId();
      assertThat(published.await(30, TimeUnit.SECONDS)).isTrue();
    }

    // when: the node starts again with the real handler, and carries the pending intent out again
    try (KafkaNode second = KafkaNode.start(config(), null, AnnouncerWorkflow.definition())) {
      await()
          .atMost(SOON)
          .until(
              () ->
                  second
                      .engine()
                      .client()
                      .get(AnnouncerWorkflow.TYPE, "a-1")
                      .toCompletableFuture()
                      .join()
                      .pendingIntents()
                      .isEmpty());

      // then: the topic holds the envelope, every copy under the intent's one idempotency key
      List<ConsumerRecord<String, String>> records = announcementsOf("a-1", 2);
      assertThat(records).hasSizeGreaterThanOrEqualTo(2);
      assertThat(
              records.stream()
                  .map(r -> TestKafka.header(r, KafkaIntentHandler.IDEMPOTENCY_KEY))
                  .distinct())
          .as("idempotency keys of the published copies")
          .hasSize(1)
          .doesNotContainNull();
      assertThat(records.stream().map(ConsumerRecord::value).distinct()).hasSize(1);
      JsonNode envelope = EngineJson.mapper().readTree(records.get(0).value());
      assertThat(envelope.get("eventType").asText()).isEqualTo("Announced");
      assertThat(envelope.at("/payload/text").asText()).isEqualTo("hello");
      assertThat(envelope.get("causationId").asText()).isEqualTo(intentId);
      assertThat(envelope.at("/source/workflowType").asText()).isEqualTo(AnnouncerWorkflow.TYPE);
      assertThat(envelope.at("/source/instanceId").asText()).isEqualTo("a-1");
      assertThat(envelope.get("idempotencyKey").asText())
          .isEqualTo(TestKafka.header(records.get(0), KafkaIntentHandler.IDEMPOTENCY_KEY))
          .isNotBlank();
      assertThat(TestKafka.header(records.get(0), KafkaIntentHandler.EVENT_TYPE))
          .isEqualTo("Announced");
      JsonNode state =
          second
              .engine()
              .client()
              .get(AnnouncerWorkflow.TYPE, "a-1")
              .toCompletableFuture()
              .join()
              .state();
      assertThat(state.get("published")).hasSize(1);
      assertThat(state.at("/published/0").asText()).isEqualTo(intentId + ":succeeded");
    }
  }

  @Test
  void shouldFailAnIntentWithoutAnEventTypeAndPublishNothing() {
    try (KafkaNode node = KafkaNode.start(config(), null, AnnouncerWorkflow.definition())) {
      node.engine()
          .client()
          .start(AnnouncerWorkflow.TYPE, StartRequest.of("a-2", new AnnouncerStart()))
          .toCompletableFuture()
          .join();
      node.engine()
          .client()
          .instance(AnnouncerWorkflow.TYPE, "a-2")
          .send("Announce", new Announce(AnnouncerWorkflow.WITHOUT_EVENT_TYPE))
          .toCompletableFuture()
          .join();
      node.engine()
          .client()
          .start(AnnouncerWorkflow.TYPE, StartRequest.of("a-3", new AnnouncerStart()))
          .toCompletableFuture()
          .join();
      node.engine()
          .client()
          .instance(AnnouncerWorkflow.TYPE, "a-3")
          .send("Announce", new Announce("after"))
          .toCompletableFuture()
          .join();

      await()
          .atMost(SOON)
          .until(
              () ->
                  node.engine()
                      .client()
                      .get(AnnouncerWorkflow.TYPE, "a-2")
                      .toCompletableFuture()
                      .join()
                      .state()
                      .at("/published/0")
                      .asText()
                      .endsWith(":failed"));
      // a later announcement is published, the failed one never was
      List<ConsumerRecord<String, String>> topic =
          TestKafka.readUntil(
              TestKafka.broker().bootstrapServers(),
              AnnouncerWorkflow.TOPIC,
              read -> read.stream().anyMatch(r -> "a-3".equals(r.key())),
              SOON);
      assertThat(topic).extracting(ConsumerRecord::key).contains("a-3").doesNotContain("a-2");
    }
  }

  /** Publishes through the real handler, then never completes: a node that dies right after. */
  private record PublishThenHang(EffectHandler real, CountDownLatch published)
      implements EffectHandler {

    @Override
    public String handlerType() {
      return real.handlerType();
    }

    @Override
    public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
      real.execute(request, operationConfig).thenRun(published::countDown);
      return new CompletableFuture<>();
    }

    @Override
    public HandlerDescription describe() {
      return real.describe();
    }
  }
}
