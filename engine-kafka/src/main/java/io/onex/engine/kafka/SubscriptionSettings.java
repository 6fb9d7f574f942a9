package io.onex.engine.kafka;

import com.fasterxml.jackson.core.JsonPointer;
import com.typesafe.config.Config;
import java.time.Duration;

/**
 * One subscription ({@code onex.kafka.subscriptions.<name>}): which topic's messages become which
 * actions of which workflow type's instances. Immutable; the constructor refuses a setting that
 * cannot work, naming its key.
 *
 * @param name the subscription's name
 * @param topic the topic consumed
 * @param workflowType the workflow type of the instances driven
 * @param instanceId {@code "key"} for the message key, or a JSON pointer into the message value
 * @param actionType the fixed action type, or empty when {@code actionTypeField} names it
 * @param actionTypeField a JSON pointer to the action type in the value, or empty
 * @param payload a JSON pointer to the payload in the value, empty for the whole value
 * @param startMissing whether a message for a missing instance starts it
 * @param idempotencyHeader a header holding the idempotency key, or empty for
 *     topic/partition/offset
 * @param groupId the consumer group
 * @param parallelism how many messages are applied at once (one at a time per instance)
 * @param autoStart whether the subscription starts with the node
 * @param retryMin the first backoff before a message is tried again
 * @param retryMax the longest backoff
 */
public record SubscriptionSettings(
    String name,
    String topic,
    String workflowType,
    String instanceId,
    String actionType,
    String actionTypeField,
    String payload,
    boolean startMissing,
    String idempotencyHeader,
    String groupId,
    int parallelism,
    boolean autoStart,
    Duration retryMin,
    Duration retryMax) {

  /** The {@link #instanceId} that takes the instance id from the message key. */
  public static final String FROM_KEY = "key";

  public SubscriptionSettings {
    String at = "onex.kafka.subscriptions." + name + ".";
    require(!topic.isBlank(), at + "topic", "a topic");
    require(!workflowType.isBlank(), at + "workflow-type", "a workflow type");
    require(
        !actionType.isBlank() || !actionTypeField.isBlank(),
        at + "action-type",
        "an action type, or action-type-field");
    require(
        instanceId.equals(FROM_KEY) || isPointer(instanceId),
        at + "instance-id",
        "\"key\" or a JSON pointer such as /orderId");
    require(
        actionTypeField.isEmpty() || isPointer(actionTypeField),
        at + "action-type-field",
        "a JSON pointer");
    require(payload.isEmpty() || isPointer(payload), at + "payload", "a JSON pointer");
    require(parallelism >= 1, at + "parallelism", "at least 1");
    groupId = groupId.isBlank() ? "onex-" + name : groupId;
  }

  static SubscriptionSettings fromConfig(String name, Config config) {
    return new SubscriptionSettings(
        name,
        config.getString("topic").trim(),
        config.getString("workflow-type").trim(),
        config.getString("instance-id").trim(),
        config.getString("action-type").trim(),
        config.getString("action-type-field").trim(),
        config.getString("payload").trim(),
        config.getBoolean("start-missing"),
        config.getString("idempotency-header").trim(),
        config.getString("group-id").trim(),
        config.getInt("parallelism"),
        config.getBoolean("auto-start"),
        config.getDuration("retry-backoff.min"),
        config.getDuration("retry-backoff.max"));
  }

  private static boolean isPointer(String value) {
    try {
      return value.startsWith("/") && JsonPointer.compile(value) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void require(boolean ok, String key, String expected) {
    if (!ok) {
      throw new IllegalArgumentException("Expected " + key + " to be " + expected);
    }
  }
}
