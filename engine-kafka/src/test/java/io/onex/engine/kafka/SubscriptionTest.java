package io.onex.engine.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.CounterWorkflow.CounterStart;
import io.onex.engine.kafka.internal.DeadLetters;
import io.onex.engine.kafka.testing.KafkaNode;
import io.onex.engine.kafka.testing.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka messages driving instances: each message one action, applied once however often it is
 * delivered; a message that cannot be applied goes to the dead-letter topic with its error and the
 * subscription goes on; a subscription stops and starts on request.
 */
class SubscriptionTest {

  private static final Duration SOON = Duration.ofSeconds(30);
  private static final String TOPIC = "counters.in";
  private static final String KEYED = "counters.keyed";

  @TempDir static Path dataDir;
  private static KafkaNode node;
  private static String bootstrap;

  @BeforeAll
  static void startNode() {
    bootstrap = TestKafka.broker().bootstrapServers();
    node =
        KafkaNode.start(
            KafkaNode.config(
                dataDir,
                bootstrap,
                ConfigFactory.parseString(
                    """
                    onex.kafka.publication.enabled = off
                    onex.kafka.subscriptions {
                      counters {
                        topic = "counters.in"
                        workflow-type = "counter"
                        instance-id = "/id"
                        action-type-field = "/type"
                        payload = "/payload"
                        start-missing = on
                        retry-backoff.min = 100ms
                      }
                      keyed {
                        topic = "counters.keyed"
                        workflow-type = "counter"
                        instance-id = "key"
                        action-type = "Increment"
                        idempotency-header = "message-id"
                      }
                    }
                    """)),
            null,
            CounterWorkflow.definition());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  private static void send(String id, String type, String payload) {
    TestKafka.produce(
        bootstrap,
        TOPIC,
        id,
        "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"payload\":" + payload + "}",
        Map.of());
  }

  private static InstanceView counter(String id) {
    return node.engine().client().get(CounterWorkflow.TYPE, id).toCompletableFuture().join();
  }

  private static int value(String id) {
    return counter(id).state().get("value").asInt();
  }

  private static boolean exists(String id) {
    return node.engine()
        .client()
        .get(CounterWorkflow.TYPE, id)
        .toCompletableFuture()
        .handle((view, error) -> error == null)
        .join();
  }

  @Test
  void shouldStartAMissingInstanceAndApplyARedeliveredMessageNoSecondTime() throws Exception {
    // given: a message that starts an instance and one that increments it, both applied
    send("c-1", "Start", "{\"initial\":5}");
    send("c-1", "Increment", "{\"by\":2}");
    await().atMost(SOON).ignoreExceptions().until(() -> value("c-1") == 7);
    InstanceView applied = counter("c-1");
    assertThat(applied.sequence()).isEqualTo(2);

    // when: the group's offsets go back to the start, so every message is delivered again
    assertThat(node.bus().stop("counters").toCompletableFuture().get(30, TimeUnit.SECONDS).state())
        .isEqualTo(SubscriptionStatus.State.STOPPED);
    rewind("onex-counters", TOPIC);
    long appliedBefore = node.bus().subscription("counters").applied();
    assertThat(node.bus().start("counters").toCompletableFuture().join().state())
        .isEqualTo(SubscriptionStatus.State.RUNNING);
    await()
        .atMost(SOON)
        .until(() -> node.bus().subscription("counters").applied() >= appliedBefore + 2);

    // then: the instance is as it was, nothing journaled twice
    InstanceView after = counter("c-1");
    assertThat(after.sequence()).isEqualTo(2);
    assertThat(after.state().get("value").asInt()).isEqualTo(7);
  }

  @Test
  void shouldSendEachPoisonMessageToTheDeadLetterTopicAndGoOn() {
    // given: an instance
    node.engine()
        .client()
        .start(CounterWorkflow.TYPE, StartRequest.of("c-2", new CounterStart(1)))
        .toCompletableFuture()
        .join();

    // when: a message that is not JSON, one its action's schema refuses, one the reducer rejects,
    // then a good one
    TestKafka.produce(bootstrap, TOPIC, "c-2", "not json at all", Map.of());
    send("c-2", "Increment", "{\"by\":0}");
    send("c-2", "Decrement", "{\"by\":100}");
    send("c-2", "Increment", "{\"by\":1}");

    // then: the good one is applied, and each poison message is a dead letter with its error
    await().atMost(SOON).ignoreExceptions().until(() -> value("c-2") == 2);
    List<ConsumerRecord<String, String>> dead =
        TestKafka.readUntil(
            bootstrap,
            TOPIC + ".dlq",
            read -> read.stream().filter(r -> "c-2".equals(r.key())).count() >= 3,
            SOON);
    List<ConsumerRecord<String, String>> ours =
        dead.stream().filter(r -> "c-2".equals(r.key())).toList();
    assertThat(ours)
        .extracting(r -> TestKafka.header(r, DeadLetters.ERROR_CODE))
        .containsExactlyInAnyOrder("unroutable", "invalid-payload", "transition-rejected");
    ConsumerRecord<String, String> notJson = letter(ours, "unroutable");
    assertThat(notJson.value()).isEqualTo("not json at all");
    assertThat(TestKafka.header(notJson, DeadLetters.ERROR)).contains("not JSON");
    assertThat(TestKafka.header(letter(ours, "transition-rejected"), DeadLetters.ERROR))
        .contains("zero");
    assertThat(letter(ours, "invalid-payload").value()).contains("\"by\":0");
    for (ConsumerRecord<String, String> letter : ours) {
      assertThat(TestKafka.header(letter, DeadLetters.TOPIC)).isEqualTo(TOPIC);
      assertThat(TestKafka.header(letter, DeadLetters.PARTITION)).matches("[0-9]+");
      assertThat(TestKafka.header(letter, DeadLetters.OFFSET)).matches("[0-9]+");
    }
    assertThat(counter("c-2").sequence()).isEqualTo(2);
    assertThat(node.bus().subscription("counters").deadLettered()).isGreaterThanOrEqualTo(3);
    assertThat(node.bus().subscription("counters").state())
        .isEqualTo(SubscriptionStatus.State.RUNNING);
  }

  @Test
  void shouldApplyMessagesWithTheSameIdempotencyHeaderOnce() {
    // given: an instance driven by the keyed subscription
    node.engine()
        .client()
        .start(CounterWorkflow.TYPE, StartRequest.of("c-3", new CounterStart(0)))
        .toCompletableFuture()
        .join();

    // when: the same message is produced twice, then another
    TestKafka.produce(bootstrap, KEYED, "c-3", "{\"by\":3}", Map.of("message-id", "m-1"));
    TestKafka.produce(bootstrap, KEYED, "c-3", "{\"by\":3}", Map.of("message-id", "m-1"));
    TestKafka.produce(bootstrap, KEYED, "c-3", "{\"by\":10}", Map.of("message-id", "m-2"));

    // then: applied once each
    await().atMost(SOON).ignoreExceptions().until(() -> value("c-3") == 13);
    assertThat(counter("c-3").sequence()).isEqualTo(3);
  }

  @Test
  void shouldApplyNothingWhileStoppedAndCatchUpWhenStartedAgain() throws Exception {
    // given: a stopped subscription
    node.engine()
        .client()
        .start(CounterWorkflow.TYPE, StartRequest.of("c-4", new CounterStart(0)))
        .toCompletableFuture()
        .join();
    assertThat(node.bus().stop("keyed").toCompletableFuture().get(30, TimeUnit.SECONDS).state())
        .isEqualTo(SubscriptionStatus.State.STOPPED);

    // when: a message arrives meanwhile
    TestKafka.produce(bootstrap, KEYED, "c-4", "{\"by\":4}", Map.of());
    Thread.sleep(1_000);

    // then: it waits, counted in the subscription's lag, and is applied once started
    assertThat(value("c-4")).isZero();
    await()
        .atMost(SOON)
        .until(() -> Long.valueOf(1).equals(node.bus().subscription("keyed").lag()));
    assertThat(node.bus().start("keyed").toCompletableFuture().join().state())
        .isEqualTo(SubscriptionStatus.State.RUNNING);
    await().atMost(SOON).ignoreExceptions().until(() -> value("c-4") == 4);
    await()
        .atMost(SOON)
        .until(() -> Long.valueOf(0).equals(node.bus().subscription("keyed").lag()));
  }

  @Test
  void shouldNameAnUnknownSubscription() {
    assertThat(node.bus().stop("nope").toCompletableFuture())
        .failsWithin(Duration.ofSeconds(1))
        .withThrowableThat()
        .withMessageContaining("subscription 'nope'");
    assertThat(node.bus().subscriptions())
        .extracting(SubscriptionStatus::name)
        .containsExactly("counters", "keyed");
  }

  @Test
  void shouldShowTheSubscriptionsInTheHealthCheck() {
    JsonNode health =
        EngineJson.mapper()
            .valueToTree(node.engine().operations().health().toCompletableFuture().join().checks());
    assertThat(health.at("/kafka/detail").asText()).contains("broker").contains("counters");
  }

  private static ConsumerRecord<String, String> letter(
      List<ConsumerRecord<String, String>> letters, String code) {
    return letters.stream()
        .filter(r -> code.equals(TestKafka.header(r, DeadLetters.ERROR_CODE)))
        .findFirst()
        .orElseThrow();
  }

  /** Moves group {@code group}'s committed offsets on {@code topic} back to the beginning. */
  private static void rewind(String group, String topic) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      var partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      Map<TopicPartition, OffsetSpec> earliest = new java.util.HashMap<>();
      partitions.forEach(
          p -> earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest()));
      Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
      admin
          .listOffsets(earliest)
          .all()
          .get()
          .forEach((tp, info) -> offsets.put(tp, new OffsetAndMetadata(info.offset())));
      await()
          .atMost(SOON)
          .ignoreExceptions()
          .until(
              () -> {
                admin.alterConsumerGroupOffsets(group, offsets).all().get();
                return true;
              });
    }
  }
}
