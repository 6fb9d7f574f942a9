package io.onex.engine.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.Action;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentBuilder;
import io.onex.engine.core.IntentPriority;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.ReduceContext;
import io.onex.engine.core.RetryPolicy;
import io.onex.engine.core.TimerRequest;
import io.onex.engine.core.json.EngineJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The context of one reducer call; intent ids are derived from the event id and a counter. */
@InternalApi
public final class DefaultReduceContext implements ReduceContext {

  private final String workflowType;
  private final String instanceId;
  private final int definitionVersion;
  private final long sequence;
  private final long epoch;
  private final Action action;
  private final String eventId;
  private int intentsCreated;

  public DefaultReduceContext(
      String workflowType,
      String instanceId,
      int definitionVersion,
      long sequence,
      long epoch,
      Action action) {
    this.workflowType = workflowType;
    this.instanceId = instanceId;
    this.definitionVersion = definitionVersion;
    this.sequence = sequence;
    this.epoch = epoch;
    this.action = action;
    this.eventId = eventId(workflowType, instanceId, sequence);
  }

  @Override
  public String workflowType() {
    return workflowType;
  }

  @Override
  public String instanceId() {
    return instanceId;
  }

  @Override
  public int definitionVersion() {
    return definitionVersion;
  }

  @Override
  public long sequence() {
    return sequence;
  }

  @Override
  public long epoch() {
    return epoch;
  }

  @Override
  public Action action() {
    return action;
  }

  /** The deterministic id of event {@code sequence} of an instance. */
  public static String eventId(String workflowType, String instanceId, long sequence) {
    String name = workflowType + "/" + instanceId + "/" + sequence;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The id of the event this call produces. */
  public String eventId() {
    return eventId;
  }

  /** The correlation chain of the event this call produces: the action's chain plus the event. */
  public List<String> eventChain() {
    List<String> chain = new ArrayList<>(action.correlationChain());
    chain.add(eventId);
    return chain;
  }

  @Override
  public IntentBuilder intent(String type, String target) {
    int index = intentsCreated++;
    String intentId =
        UUID.nameUUIDFromBytes((eventId + "/intent/" + index).getBytes(StandardCharsets.UTF_8))
            .toString();
    return new Builder(intentId, type, target);
  }

  @Override
  public Intent timer(Instant fireAt, String actionType, Object payload) {
    return intent(Intent.TIMER, actionType)
        .payload(new TimerRequest(fireAt, actionType, toJson(payload)))
        .build();
  }

  @Override
  public JsonNode toJson(Object value) {
    return EngineJson.mapper().valueToTree(value);
  }

  private final class Builder implements IntentBuilder {
    private final String intentId;
    private final String type;
    private final String target;
    private JsonNode payload;
    private IntentPriority priority = IntentPriority.NORMAL;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private String idempotencyKey;
    private Map<String, String> metadata = Map.of();

    private Builder(String intentId, String type, String target) {
      this.intentId = intentId;
      this.type = type;
      this.target = target;
    }

    @Override
    public IntentBuilder payload(JsonNode payload) {
      this.payload = payload;
      return this;
    }

    @Override
    public IntentBuilder payload(Object payload) {
      this.payload = toJson(payload);
      return this;
    }

    @Override
    public IntentBuilder priority(IntentPriority priority) {
      this.priority = priority;
      return this;
    }

    @Override
    public IntentBuilder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    @Override
    public IntentBuilder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    @Override
    public IntentBuilder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    @Override
    public Intent build() {
      List<String> chain = eventChain();
      chain.add(intentId);
      return new Intent(
          intentId,
          type,
          target,
          payload,
          priority,
          retryPolicy,
          idempotencyKey,
          eventId,
          action.correlationId(),
          chain,
          metadata);
    }
  }
}
