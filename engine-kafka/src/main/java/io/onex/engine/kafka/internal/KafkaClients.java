package io.onex.engine.kafka.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.kafka.ConsumerSettings;
import org.apache.pekko.kafka.ProducerSettings;
import org.apache.pekko.kafka.javadsl.SendProducer;

/**
 * The settings of the bus's Kafka clients, from {@link KafkaSettings}: string keys, byte-array
 * values (JSON), the configured brokers and kafka-clients properties.
 */
@InternalApi
public final class KafkaClients implements AutoCloseable {

  private final ActorSystem<?> system;
  private final KafkaSettings settings;
  private Admin admin;

  public KafkaClients(ActorSystem<?> system, KafkaSettings settings) {
    this.system = system;
    this.settings = settings;
  }

  public KafkaSettings settings() {
    return settings;
  }

  /** A producer of the bus, with idempotence on unless configured otherwise. */
  public SendProducer<String, byte[]> producer() {
    return new SendProducer<>(producerSettings(), system);
  }

  /**
   * A Kafka producer of the bus itself, for a caller that needs the order of its sends kept (it is
   * the order of the calls); close it when done.
   */
  public Producer<String, byte[]> orderedProducer() {
    return producerSettings().createKafkaProducer();
  }

  public ProducerSettings<String, byte[]> producerSettings() {
    return ProducerSettings.create(system, new StringSerializer(), new ByteArraySerializer())
        .withBootstrapServers(settings.bootstrapServers())
        .withProperties(settings.producer());
  }

  /** A consumer of group {@code groupId} that stops at once when drained. */
  public ConsumerSettings<String, byte[]> consumerSettings(String groupId) {
    return ConsumerSettings.create(system, new StringDeserializer(), new ByteArrayDeserializer())
        .withBootstrapServers(settings.bootstrapServers())
        .withGroupId(groupId)
        .withProperties(settings.consumer())
        .withStopTimeout(Duration.ZERO);
  }

  /**
   * How many brokers the cluster has, asked on {@code blocking}; fails when they do not answer
   * within {@code onex.kafka.health-timeout}.
   */
  public CompletionStage<Integer> brokerCount(Executor blocking) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return admin()
                .describeCluster()
                .nodes()
                .get(settings.healthTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .size();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the Kafka brokers", e);
          } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                "The Kafka brokers " + settings.bootstrapServers() + " did not answer", e);
          }
        },
        blocking);
  }

  /**
   * How many messages of {@code topic} consumer group {@code groupId} has not committed yet (all of
   * them for a partition it never committed), asked on {@code blocking}.
   */
  public CompletionStage<Long> consumerLag(String groupId, String topic, Executor blocking) {
    return CompletableFuture.supplyAsync(
        () -> {
          long timeout = settings.healthTimeout().toMillis();
          try {
            Admin admin = admin();
            Map<TopicPartition, OffsetAndMetadata> committed =
                admin
                    .listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(timeout, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
            admin
                .describeTopics(java.util.List.of(topic))
                .allTopicNames()
                .get(timeout, TimeUnit.MILLISECONDS)
                .get(topic)
                .partitions()
                .forEach(
                    partition -> {
                      TopicPartition tp = new TopicPartition(topic, partition.partition());
                      ends.put(tp, OffsetSpec.latest());
                      starts.put(tp, OffsetSpec.earliest());
                    });
            var latest = admin.listOffsets(ends).all().get(timeout, TimeUnit.MILLISECONDS);
            var earliest = admin.listOffsets(starts).all().get(timeout, TimeUnit.MILLISECONDS);
            long lag = 0;
            for (var end : latest.entrySet()) {
              OffsetAndMetadata done = committed.get(end.getKey());
              long from = done != null ? done.offset() : earliest.get(end.getKey()).offset();
              lag += Math.max(0, end.getValue().offset() - from);
            }
            return lag;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the Kafka brokers", e);
          } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                "Could not read the lag of group " + groupId + " on " + topic, e);
          }
        },
        blocking);
  }

  /** The admin client of the health checks and lags, made at first use and kept until closed. */
  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(adminConfig());
    }
    return admin;
  }

  /** Closes the admin client, if one was made. */
  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(settings.healthTimeout());
      admin = null;
    }
  }

  private Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    int timeout = (int) settings.healthTimeout().toMillis();
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
    return config;
  }
}
