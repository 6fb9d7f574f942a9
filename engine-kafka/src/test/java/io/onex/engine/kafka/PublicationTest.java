package io.onex.engine.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.EngineHealth;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.CounterWorkflow.CounterStart;
import io.onex.engine.core.testing.CounterWorkflow.Increment;
import io.onex.engine.kafka.internal.EventRecords;
import io.onex.engine.kafka.testing.KafkaNode;
import io.onex.engine.kafka.testing.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every journaled event published to {@code <prefix><type>}, keyed by instance id, in each
 * instance's order, with headers naming it; a broker that is away turns the health DEGRADED and
 * everything journaled meanwhile is published, in order, once it is back.
 */
class PublicationTest {

  private static final Duration SOON = Duration.ofSeconds(60);

  @TempDir Path dataDir;

  private static KafkaNode node(Path dataDir, String bootstrap, String prefix) {
    return KafkaNode.start(
        KafkaNode.config(
            dataDir,
            bootstrap,
            ConfigFactory.parseMap(
                Map.of(
                    "onex.kafka.publication.topic-prefix", prefix,
                    "onex.kafka.health-timeout", "1s",
                    "onex.kafka.producer.\"max.block.ms\"", "2000"))),
        null,
        CounterWorkflow.definition());
  }

  /** Starts {@code instances} counters and sends each {@code increments} increments. */
  private static void drive(KafkaNode node, String prefix, int instances, int increments) {
    CompletableFuture<?>[] chains = new CompletableFuture<?>[instances];
    for (int i = 0; i < instances; i++) {
      String id = prefix + i;
      CompletableFuture<?> chain =
          node.engine()
              .client()
              .start(CounterWorkflow.TYPE, StartRequest.of(id, new CounterStart(0)))
              .toCompletableFuture();
      for (int n = 0; n < increments; n++) {
        chain =
            chain.thenCompose(
                previous ->
                    node.engine()
                        .client()
                        .instance(CounterWorkflow.TYPE, id)
                        .send("Increment", new Increment(1)));
      }
      chains[i] = chain;
    }
    CompletableFuture.allOf(chains).join();
  }

  /**
   * Checks that each instance's events came in sequence order, a repeat only of an event already
   * seen; returns how many distinct events there were.
   */
  private static int assertInOrder(List<ConsumerRecord<String, String>> records) throws Exception {
    Map<String, Long> latest = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<String, String> record : records) {
      WorkflowEvent event = EngineJson.mapper().readValue(record.value(), WorkflowEvent.class);
      assertThat(record.key()).isEqualTo(event.instanceId());
      long before = latest.getOrDefault(event.instanceId(), 0L);
      if (event.sequence() <= before) {
        assertThat(seen).as("a repeat of an event already seen").contains(event.eventId());
      } else {
        assertThat(event.sequence())
            .as("the next event of %s", event.instanceId())
            .isEqualTo(before + 1);
        latest.put(event.instanceId(), event.sequence());
      }
      seen.add(event.eventId());
    }
    return seen.size();
  }

  private static long lag(KafkaNode node) {
    return node.bus().publicationLag().toCompletableFuture().join();
  }

  private static EngineHealth.Check kafkaCheck(KafkaNode node) {
    return node.engine().operations().health().toCompletableFuture().join().checks().get("kafka");
  }

  @Test
  void shouldPublishEveryEventKeyedByItsInstanceWithHeadersNamingIt() throws Exception {
    String bootstrap = TestKafka.broker().bootstrapServers();
    try (KafkaNode node = node(dataDir, bootstrap, "published.")) {
      // when: 10 instances with 5 increments each
      drive(node, "p-", 10, 5);

      // then: all 60 events on published.counter, in order, as the history shows them
      List<ConsumerRecord<String, String>> records =
          TestKafka.readUntil(bootstrap, "published.counter", read -> read.size() >= 60, SOON);
      assertThat(assertInOrder(records)).isEqualTo(60);
      ConsumerRecord<String, String> first =
          records.stream()
              .filter(r -> r.key().equals("p-3") && r.value().contains("\"sequence\":2,"))
              .findFirst()
              .orElseThrow();
      WorkflowEvent journaled =
          node.engine()
              .client()
              .history()
              .export(CounterWorkflow.TYPE, "p-3")
              .toCompletableFuture()
              .join()
              .get(1);
      assertThat(first.value()).isEqualTo(EngineJson.mapper().writeValueAsString(journaled));
      assertThat(TestKafka.header(first, EventRecords.EVENT_ID)).isEqualTo(journaled.eventId());
      assertThat(TestKafka.header(first, EventRecords.SEQUENCE)).isEqualTo("2");
      assertThat(TestKafka.header(first, EventRecords.CAUSATION_ID))
          .isEqualTo(journaled.causationId());
      assertThat(TestKafka.header(first, EventRecords.CORRELATION_ID))
          .isEqualTo(journaled.correlationId());
      assertThat(TestKafka.header(first, EventRecords.DEFINITION_VERSION)).isEqualTo("1");
      assertThat(TestKafka.header(first, EventRecords.CONTENT_TYPE)).isEqualTo("application/json");
      await().atMost(SOON).until(() -> lag(node) == 0);
      assertThat(kafkaCheck(node).up()).isTrue();
      assertThat(
              node.engine()
                  .operations()
                  .metrics()
                  .get("onex.kafka.publication.lag")
                  .gauge()
                  .value())
          .isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void shouldPublishEverythingInOrderOnceTheBrokerIsBack() throws Exception {
    Path brokerDir = dataDir.resolve("broker");
    LocalKafkaBroker broker = LocalKafkaBroker.start(0, brokerDir, 2);
    int port = broker.port();
    try (KafkaNode node = node(dataDir.resolve("node"), broker.bootstrapServers(), "outage.")) {
      drive(node, "before-", 5, 3);
      await().atMost(SOON).until(() -> lag(node) == 0);

      // when: the broker stops while the instances go on
      broker.close();
      drive(node, "during-", 5, 3);

      // then: the check turns DEGRADED with the lag grown
      await()
          .atMost(SOON)
          .untilAsserted(
              () -> {
                EngineHealth.Check check = kafkaCheck(node);
                assertThat(check.up()).isFalse();
                assertThat(check.critical()).isFalse();
                assertThat(check.state()).isEqualTo("DEGRADED");
                assertThat(check.detail()).contains("unreachable");
              });
      assertThat(lag(node)).isPositive();
      assertThat(node.engine().operations().health().toCompletableFuture().join().status())
          .isEqualTo(EngineHealth.Status.DEGRADED);

      // and when the broker is back, everything is published, in order
      broker = LocalKafkaBroker.start(port, brokerDir, 2);
      await().atMost(Duration.ofSeconds(90)).until(() -> lag(node) == 0);
      List<ConsumerRecord<String, String>> records =
          TestKafka.readUntil(
              broker.bootstrapServers(),
              "outage.counter",
              read -> read.stream().map(ConsumerRecord::value).distinct().count() >= 40,
              SOON);
      assertThat(assertInOrder(records)).isEqualTo(40);
      await().atMost(SOON).until(() -> kafkaCheck(node).up());
    } finally {
      broker.close();
    }
  }
}
