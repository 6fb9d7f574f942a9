package io.onex.engine.kafka.testing;

import io.onex.engine.kafka.LocalKafkaBroker;
import io.onex.engine.kafka.internal.EventRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One in-process Kafka broker for the whole test JVM (started on first use, stopped at exit), and
 * plain clients to write and read its topics.
 */
public final class TestKafka {

  private static LocalKafkaBroker shared;

  private TestKafka() {}

  /** The test JVM's broker. */
  public static synchronized LocalKafkaBroker broker() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("onex-kafka-test");
        shared = LocalKafkaBroker.start(0, dir, 2);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** Writes {@code value} with {@code key} and {@code headers} to {@code topic}; waits for it. */
  public static void produce(
      String bootstrap, String topic, String key, String value, Map<String, String> headers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      RecordHeaders recordHeaders = new RecordHeaders();
      headers.forEach((k, v) -> recordHeaders.add(k, v.getBytes(StandardCharsets.UTF_8)));
      producer
          .send(new ProducerRecord<>(topic, null, key, value, recordHeaders))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not produce to " + topic, e);
    }
  }

  /**
   * Reads {@code topic} from its beginning until {@code enough} holds for what was read or {@code
   * timeout} passes; returns what was read, in each partition's order.
   */
  public static List<ConsumerRecord<String, String>> readUntil(
      String bootstrap,
      String topic,
      Predicate<List<ConsumerRecord<String, String>>> enough,
      Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = List.of();
      while (partitions.isEmpty() && System.nanoTime() < deadline) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!enough.test(read) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    return read;
  }

  /** The value of header {@code name} of {@code record}, or null. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    return EventRecords.header(record.headers(), name);
  }
}
