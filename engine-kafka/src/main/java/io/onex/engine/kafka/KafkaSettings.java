package io.onex.engine.kafka;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of the event bus ({@code onex.kafka}, documented in this module's reference.conf):
 * the brokers, the publication of journaled events, the subscriptions, and the settings of every
 * producer and consumer. Immutable.
 *
 * @param bootstrapServers the brokers; empty when the bus is off
 * @param publish whether journaled events are published
 * @param topicPrefix the prefix of the topic of a workflow type's events
 * @param groupSize the most events a publishing projection sends before it awaits them
 * @param groupWithin how long a publishing projection gathers events before it sends them
 * @param lagInterval how often the publication lag is measured
 * @param lagDegradedAbove the lag above which the health check turns DEGRADED
 * @param healthTimeout how long the health check waits for the brokers
 * @param deadLetterSuffix the suffix of a subscription topic's dead-letter topic
 * @param handlerSendTimeout how long the kafka handler waits for an acknowledgement
 * @param subscriptions the subscriptions, in configuration order
 * @param producer kafka-clients settings of every producer
 * @param consumer kafka-clients settings of every consumer
 */
public record KafkaSettings(
    String bootstrapServers,
    boolean publish,
    String topicPrefix,
    int groupSize,
    Duration groupWithin,
    Duration lagInterval,
    long lagDegradedAbove,
    Duration healthTimeout,
    String deadLetterSuffix,
    Duration handlerSendTimeout,
    List<SubscriptionSettings> subscriptions,
    Map<String, String> producer,
    Map<String, String> consumer) {

  public KafkaSettings {
    subscriptions = List.copyOf(subscriptions);
    producer = Map.copyOf(producer);
    consumer = Map.copyOf(consumer);
  }

  /**
   * Reads {@code onex.kafka} from {@code config} (resolved, with this module's reference.conf as
   * fallback); throws {@link IllegalArgumentException} naming the key of a bad value.
   */
  public static KafkaSettings fromConfig(Config config) {
    Config kafka = config.getConfig("onex.kafka");
    Config publication = kafka.getConfig("publication");
    Config defaults = kafka.getConfig("subscription-defaults");
    List<SubscriptionSettings> subscriptions = new ArrayList<>();
    Config configured = kafka.getConfig("subscriptions");
    for (String name : configured.root().keySet()) {
      subscriptions.add(
          SubscriptionSettings.fromConfig(
              name, configured.getConfig(quoted(name)).withFallback(defaults)));
    }
    KafkaSettings settings =
        new KafkaSettings(
            kafka.getString("bootstrap-servers").trim(),
            publication.getBoolean("enabled"),
            publication.getString("topic-prefix"),
            publication.getInt("group-size"),
            publication.getDuration("group-within"),
            publication.getDuration("lag-interval"),
            publication.getLong("lag-degraded-above"),
            kafka.getDuration("health-timeout"),
            kafka.getString("dead-letter-suffix"),
            kafka.getDuration("handler.send-timeout"),
            subscriptions,
            strings(kafka.getConfig("producer")),
            strings(kafka.getConfig("consumer")));
    if (settings.groupSize() < 1) {
      throw new IllegalArgumentException(
          "Expected onex.kafka.publication.group-size >= 1, but got " + settings.groupSize());
    }
    if (settings.deadLetterSuffix().isBlank()) {
      throw new IllegalArgumentException("Expected onex.kafka.dead-letter-suffix to be set");
    }
    return settings;
  }

  /** Whether the bus is on: brokers are configured. */
  public boolean enabled() {
    return !bootstrapServers.isEmpty();
  }

  /** The topic the events of {@code workflowType}'s instances are published to. */
  public String topicOf(String workflowType) {
    return topicPrefix + workflowType;
  }

  /** The subscription named {@code name}, if configured. */
  public java.util.Optional<SubscriptionSettings> subscription(String name) {
    return subscriptions.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  private static Map<String, String> strings(Config section) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> entry : section.root().entrySet()) {
      values.put(entry.getKey(), String.valueOf(entry.getValue().unwrapped()));
    }
    return values;
  }

  private static String quoted(String key) {
    return "\"" + key + "\"";
  }
}
