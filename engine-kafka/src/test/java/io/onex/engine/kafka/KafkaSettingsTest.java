package io.onex.engine.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** The event bus's settings: off by default, and a subscription that cannot work is named. */
class KafkaSettingsTest {

  private static KafkaSettings read(String hocon) {
    Config config =
        ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
    return KafkaSettings.fromConfig(config);
  }

  @Test
  void shouldBeOffWithoutBrokers() {
    KafkaSettings settings = read("");
    assertThat(settings.enabled()).isFalse();
    assertThat(settings.topicOf("order")).isEqualTo("workflow.order");
    assertThat(settings.producer()).containsEntry("enable.idempotence", "true");
  }

  @Test
  void shouldReadASubscriptionWithItsDefaults() {
    KafkaSettings settings =
        read(
            """
            onex.kafka.bootstrap-servers = "127.0.0.1:9092"
            onex.kafka.subscriptions.items {
              topic = "orders.items"
              workflow-type = "order"
              instance-id = "/orderId"
              action-type = "AddItem"
            }
            """);
    assertThat(settings.enabled()).isTrue();
    SubscriptionSettings items = settings.subscription("items").orElseThrow();
    assertThat(items.groupId()).isEqualTo("onex-items");
    assertThat(items.instanceId()).isEqualTo("/orderId");
    assertThat(items.startMissing()).isFalse();
    assertThat(items.parallelism()).isEqualTo(16);
    assertThat(items.autoStart()).isTrue();
  }

  @Test
  void shouldNameTheKeyOfASubscriptionThatCannotWork() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    onex.kafka.subscriptions.items {
                      topic = "orders.items"
                      workflow-type = "order"
                    }
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("onex.kafka.subscriptions.items.action-type");
    assertThatThrownBy(
            () ->
                read(
                    """
                    onex.kafka.subscriptions.items {
                      topic = "orders.items"
                      workflow-type = "order"
                      action-type = "AddItem"
                      instance-id = "orderId"
                    }
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("onex.kafka.subscriptions.items.instance-id")
        .hasMessageContaining("JSON pointer");
    assertThatThrownBy(
            () ->
                read(
                    """
                    onex.kafka.subscriptions.items {
                      workflow-type = "order"
                      action-type = "AddItem"
                    }
                    """))
        .hasMessageContaining("onex.kafka.subscriptions.items.topic");
  }
}
