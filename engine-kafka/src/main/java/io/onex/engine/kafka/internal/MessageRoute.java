package io.onex.engine.kafka.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.kafka.SubscriptionSettings;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads what a subscription's message asks for: the instance, the action type, the payload and the
 * idempotency key, as its {@link SubscriptionSettings} say. A message that says it unclearly is
 * {@link Unroutable}, with the reason, and becomes a dead letter.
 */
@InternalApi
public final class MessageRoute {

  /** What a message asks for. */
  public sealed interface Routed permits Action, Unroutable {}

  /** An action of an instance, to apply once per idempotency key. */
  public record Action(
      String instanceId, String actionType, JsonNode payload, String idempotencyKey)
      implements Routed {}

  /** A message that names no action clearly; {@code reason} says why. */
  public record Unroutable(String reason) implements Routed {}

  private final SubscriptionSettings settings;

  public MessageRoute(SubscriptionSettings settings) {
    this.settings = settings;
  }

  public Routed route(ConsumerRecord<String, byte[]> record) {
    JsonNode value;
    try {
      value = record.value() == null ? null : EngineJson.mapper().readTree(record.value());
    } catch (IOException e) {
      return new Unroutable("The message value is not JSON: " + firstLine(e.getMessage()));
    }
    if (value == null || value.isMissingNode()) {
      return new Unroutable("The message has no value");
    }
    String instanceId =
        settings.instanceId().equals(SubscriptionSettings.FROM_KEY)
            ? record.key()
            : text(value, settings.instanceId());
    if (instanceId == null || instanceId.isBlank()) {
      return new Unroutable(
          "The message names no instance id at "
              + (settings.instanceId().equals(SubscriptionSettings.FROM_KEY)
                  ? "its key"
                  : settings.instanceId()));
    }
    String actionType =
        settings.actionTypeField().isEmpty()
            ? settings.actionType()
            : text(value, settings.actionTypeField());
    if (actionType == null || actionType.isBlank()) {
      return new Unroutable("The message names no action type at " + settings.actionTypeField());
    }
    JsonNode payload =
        settings.payload().isEmpty() ? value : value.at(JsonPointer.compile(settings.payload()));
    if (payload.isMissingNode()) {
      return new Unroutable("The message has no payload at " + settings.payload());
    }
    return new Action(instanceId, actionType, payload, idempotencyKey(record));
  }

  private String idempotencyKey(ConsumerRecord<String, byte[]> record) {
    if (!settings.idempotencyHeader().isEmpty()) {
      String key = EventRecords.header(record.headers(), settings.idempotencyHeader());
      if (key != null && !key.isEmpty()) {
        return key;
      }
    }
    return record.topic() + "/" + record.partition() + "/" + record.offset();
  }

  private static String text(JsonNode value, String pointer) {
    JsonNode node = value.at(JsonPointer.compile(pointer));
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
