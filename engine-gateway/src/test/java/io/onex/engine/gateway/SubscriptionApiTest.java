package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.GatewayNode;
import io.onex.engine.kafka.LocalKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event bus over HTTP: {@code GET /v1/subscriptions} with each subscription's state, {@code
 * POST /v1/subscriptions/{name}/stop|start}, a 404 problem for an unknown name, the {@code kafka}
 * health check and the publication lag in {@code /metrics}.
 */
class SubscriptionApiTest {

  @TempDir Path dataDir;

  @Test
  void shouldListNoSubscriptionsAndNameAnUnknownOneWhenTheBusIsOff() {
    try (GatewayNode node =
        GatewayNode.startWithEventBus(Map.of("onex.data-dir", dataDir.toString()))) {
      Response listed = node.get("/v1/subscriptions");
      assertThat(listed.status()).isEqualTo(200);
      assertThat(listed.body().get("enabled").asBoolean()).isFalse();
      assertThat(listed.body().get("subscriptions")).isEmpty();

      Response unknown = node.post("/v1/subscriptions/orders/stop", "");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.contentType()).isEqualTo("application/problem+json");
      assertThat(unknown.text("type")).endsWith("/subscription-not-found");
      assertThat(unknown.text("detail")).contains("'orders'");
      assertThat(node.get("/v1/subscriptions/orders").status()).isEqualTo(404);

      assertThat(node.get("/health").body().at("/checks/kafka/detail").asText()).startsWith("off");
    }
  }

  @Test
  void shouldStopAndStartASubscriptionOverHttp() throws Exception {
    try (LocalKafkaBroker broker = LocalKafkaBroker.start(0, dataDir.resolve("kafka"), 1);
        GatewayNode node =
            GatewayNode.startWithEventBus(
                Map.of(
                    "onex.data-dir", dataDir.resolve("node").toString(),
                    "onex.kafka.bootstrap-servers", broker.bootstrapServers(),
                    "onex.kafka.subscriptions.counters.topic", "counters.http",
                    "onex.kafka.subscriptions.counters.workflow-type", "counter",
                    "onex.kafka.subscriptions.counters.action-type", "Increment",
                    "onex.kafka.publication.lag-interval", "500ms"))) {
      // given: a running subscription and an instance it drives
      assertThat(
              node.post(
                      "/v1/workflows/counter/instances",
                      "{\"instanceId\":\"h-1\",\"input\":{\"initial\":0}}")
                  .status())
          .isEqualTo(201);
      Response listed = node.get("/v1/subscriptions");
      assertThat(listed.body().get("enabled").asBoolean()).isTrue();
      assertThat(listed.body().at("/subscriptions/0/name").asText()).isEqualTo("counters");
      assertThat(listed.body().at("/subscriptions/0/state").asText()).isEqualTo("RUNNING");

      // when: stopped, a message waits
      Response stopped = node.post("/v1/subscriptions/counters/stop", "");
      assertThat(stopped.status()).isEqualTo(200);
      assertThat(stopped.text("state")).isEqualTo("STOPPED");
      assertThat(node.get("/v1/subscriptions/counters").text("state")).isEqualTo("STOPPED");
      produce(broker.bootstrapServers(), "counters.http", "h-1", "{\"by\":5}");
      Thread.sleep(1_000);
      assertThat(node.get("/v1/workflows/counter/instances/h-1").body().at("/state/value").asInt())
          .isZero();

      // then: started again, it is applied
      Response started = node.post("/v1/subscriptions/counters/start", "");
      assertThat(started.status()).isEqualTo(200);
      assertThat(started.text("state")).isEqualTo("RUNNING");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  node.get("/v1/workflows/counter/instances/h-1").body().at("/state/value").asInt()
                      == 5);
      assertThat(node.get("/v1/subscriptions/counters").body().get("applied").asLong())
          .isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(node.get("/health").body().at("/checks/kafka/status").asText())
                    .isEqualTo("UP");
                assertThat(node.getText("/metrics")).contains("onex_kafka_publication_lag 0.0");
                assertThat(node.get("/v1/subscriptions/counters").body().get("lag").asLong())
                    .isZero();
              });
    }
  }

  private static void produce(String bootstrap, String topic, String key, String value)
      throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }
}
