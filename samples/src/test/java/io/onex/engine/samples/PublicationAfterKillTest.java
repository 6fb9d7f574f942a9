package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.kafka.LocalKafkaBroker;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a node process with SIGKILL while it publishes a burst of orders' events to Kafka, starts
 * it again, and finds every journaled event on {@code workflow.order}: 1,000 events of 50 orders,
 * each order's in sequence order, a repeat only of an event already published.
 */
class PublicationAfterKillTest {

  private static final int ORDERS = 50;
  private static final int EVENTS = 20;

  @TempDir Path dataDir;
  private NodeProcess nodes;
  private LocalKafkaBroker broker;
  private String[] options;

  @BeforeEach
  void prepare() {
    broker = LocalKafkaBroker.start(0, dataDir.resolve("kafka"), 2);
    nodes = new NodeProcess(dataDir);
    // small publication groups, so that a burst leaves publication behind for a while
    options =
        new String[] {
          "-Donex.kafka.bootstrap-servers=" + broker.bootstrapServers(),
          "-Donex.kafka.publication.group-size=5",
          "-Donex.kafka.publication.group-within=50ms"
        };
  }

  @AfterEach
  void stopAll() {
    nodes.close();
    broker.close();
  }

  private long publicationLag() throws Exception {
    String detail =
        EngineJson.mapper()
            .readTree(nodes.get("/health").body())
            .at("/checks/kafka/detail")
            .asText();
    return Long.parseLong(detail.replaceAll(".*publication lag ([0-9]+) events.*", "$1"));
  }

  private static String item(int n) {
    return "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"s-"
        + n
        + "\",\"quantity\":1,\"unitPrice\":1}}";
  }

  /** Starts order {@code n} if needed and adds items until it has {@link #EVENTS} events. */
  private void complete(int n) throws Exception {
    String path = "/v1/workflows/order/instances/k-" + n;
    HttpResponse<String> current = nodes.get(path);
    long sequence = 0;
    if (current.statusCode() == 200) {
      sequence = EngineJson.mapper().readTree(current.body()).get("sequence").asLong();
    } else {
      assertThat(current.statusCode()).isEqualTo(404);
      assertThat(nodes.post("/v1/workflows/order/instances", start(n)).join().statusCode())
          .isEqualTo(201);
      sequence = 1;
    }
    for (long next = sequence + 1; next <= EVENTS; next++) {
      assertThat(nodes.post(path + "/actions", item((int) next)).join().statusCode())
          .isEqualTo(200);
    }
  }

  private static String start(int n) {
    return "{\"instanceId\":\"k-" + n + "\",\"input\":{\"customerId\":\"c-" + n + "\"}}";
  }

  @Test
  void shouldPublishEveryEventInOrderAfterAKillInTheMiddleOfPublishing() throws Exception {
    // given: a burst of orders, each started and given 19 items
    nodes.start("first.log", options);
    AtomicInteger done = new AtomicInteger();
    for (int order = 0; order < ORDERS; order++) {
      String path = "/v1/workflows/order/instances/k-" + order;
      CompletableFuture<?> chain = nodes.post("/v1/workflows/order/instances", start(order));
      for (int event = 2; event <= EVENTS; event++) {
        String body = item(event);
        chain = chain.thenCompose(previous -> nodes.post(path + "/actions", body));
      }
      chain.whenComplete((value, error) -> done.incrementAndGet());
    }

    // when: the node is killed in the middle of it, with events journaled but not yet published
    long lagAtKill;
    do {
      lagAtKill = publicationLag();
    } while (done.get() < ORDERS && (done.get() < ORDERS / 3 || lagAtKill == 0));
    nodes.kill();
    nodes.start("second.log", options);
    for (int order = 0; order < ORDERS; order++) {
      complete(order);
    }

    // then: every event is on workflow.order, each order's in sequence order
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> publicationLag() == 0);
    List<ConsumerRecord<String, String>> records = readAll("workflow.order", ORDERS * EVENTS);
    Map<String, Long> latest = new HashMap<>();
    Set<String> seen = new HashSet<>();
    int repeats = 0;
    for (ConsumerRecord<String, String> record : records) {
      JsonNode event = EngineJson.mapper().readTree(record.value());
      String instance = event.get("instanceId").asText();
      String eventId = event.get("eventId").asText();
      assertThat(record.key()).isEqualTo(instance);
      assertThat(header(record, "onex-event-id")).isEqualTo(eventId);
      long sequence = event.get("sequence").asLong();
      long before = latest.getOrDefault(instance, 0L);
      if (sequence <= before) {
        assertThat(seen).as("a repeat of an event already published").contains(eventId);
        repeats++;
      } else {
        assertThat(sequence).as("the next event of %s", instance).isEqualTo(before + 1);
        latest.put(instance, sequence);
      }
      seen.add(eventId);
    }
    assertThat(seen).hasSize(ORDERS * EVENTS);
    assertThat(latest).hasSize(ORDERS).allSatisfy((id, last) -> assertThat(last).isEqualTo(20L));
    assertThat(lagAtKill).as("events not yet published when the node was killed").isPositive();
    System.out.printf(
        "Published %d events of %d orders, %d repeats after the kill (lag %d at the kill)%n",
        seen.size(), latest.size(), repeats, lagAtKill);
  }

  /** Reads {@code topic} from the beginning until {@code distinct} distinct values arrived. */
  private List<ConsumerRecord<String, String>> readAll(String topic, int distinct) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    Set<String> values = new HashSet<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (values.size() < distinct && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          read.add(record);
          values.add(record.value());
        }
      }
    }
    return read;
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
