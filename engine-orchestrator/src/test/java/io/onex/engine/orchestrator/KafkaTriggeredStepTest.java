package io.onex.engine.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.kafka.KafkaEventBus;
import io.onex.engine.kafka.LocalKafkaBroker;
import io.onex.engine.orchestrator.testing.SpecNode;
import io.onex.engine.orchestrator.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An EVENT_DRIVEN step woken by a Kafka message, through a subscription of the event bus. */
class KafkaTriggeredStepTest {

  @TempDir Path dataDir;
  @TempDir Path kafkaDir;

  @Test
  void aMessageOnATopicTriggersTheStepThatWaitsForIt() throws Exception {
    try (TestServices services = new TestServices();
        LocalKafkaBroker broker = LocalKafkaBroker.start(0, kafkaDir, 1)) {
      Config config =
          ConfigFactory.parseString(
                  """
                  onex.kafka.publication.enabled = off
                  onex.kafka.subscriptions.payments {
                    topic = "payments"
                    workflow-type = "kafka-events"
                    instance-id = "/orderId"
                    action-type = "PaymentReceived"
                    payload = "/payment"
                  }
                  """)
              .withFallback(
                  SpecNode.config(
                      dataDir,
                      services,
                      Map.of("onex.kafka.bootstrap-servers", broker.bootstrapServers())));
      try (SpecNode node = SpecNode.start(config)) {
        WorkflowEngine engine = node.engine();
        node.specs()
            .register(
                "kafka-events",
                1,
                WorkflowSpecs.read(
                    """
                    {"type": "kafka-events", "version": 1, "coordination": "EVENT_DRIVEN",
                     "steps": [
                       {"name": "ship", "handler": "http", "target": "work",
                        "metadata": {"path": "/ship-on-payment"},
                        "on": {"action": "PaymentReceived", "schema": {"type": "object", "required": ["amount"]}},
                        "input": {"amount.$": "/event/amount"}}
                     ]}
                    """))
            .toCompletableFuture()
            .join();
        // the subscription's workflow type must be known when the bus starts
        KafkaEventBus.start(engine);
        engine
            .client()
            .start("kafka-events", StartRequest.of("k-1", Map.of()))
            .toCompletableFuture()
            .join();

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer =
            new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
          producer
              .send(
                  new ProducerRecord<>(
                      "payments", "k-1", "{\"orderId\": \"k-1\", \"payment\": {\"amount\": 30}}"))
              .get();
        }

        InstanceView done =
            engine
                .client()
                .instance("kafka-events", "k-1")
                .awaitEnd(Duration.ofSeconds(60))
                .toCompletableFuture()
                .join();
        assertThat(done.status()).isEqualTo(InstanceStatus.COMPLETED);
        Awaitility.await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> !services.calls("work/ship-on-payment").isEmpty());
        assertThat(services.calls("work/ship-on-payment"))
            .singleElement()
            .satisfies(c -> assertThat(c.body().path("amount").asInt()).isEqualTo(30));
        assertThat(done.state().at("/steps/ship/event/amount").asInt()).isEqualTo(30);
      }
    }
  }
}
