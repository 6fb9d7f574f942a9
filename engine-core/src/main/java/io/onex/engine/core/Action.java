package io.onex.engine.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A command addressed to one workflow instance (the ONEX ModelAction): what to do ({@code type} and
 * {@code payload}), who issued it and under which lease and epoch, and where it sits in its flow.
 *
 * <p>Immutable. Everything the reducer may need that is not in the state comes from here: the
 * instance's clock is {@link #issuedAt()}, so applying the same action again yields the same
 * result. {@link #correlationChain()} runs from the flow's origin ({@link #correlationId()}) down
 * to this action's own id. Use {@link #builder(String)} to create one.
 *
 * <p>An action is journaled only once applied, so it carries no status of its own: a refused action
 * is answered and forgotten. Actions are addressed by workflow type and instance id, never by node.
 * Journals of release 0.1 recorded a {@code status} and a {@code target} that meant nothing; they
 * are ignored when read.
 *
 * @param actionId unique id of this action
 * @param type the action's name, one of the workflow definition's action types
 * @param leaseId the lease that entitles the issuer to write, or {@code null}
 * @param fencingToken the fencing token granted with that lease, or {@code null}
 * @param epoch the instance epoch the issuer expects, or {@code null} when it asserts none
 * @param payload the action's data as JSON ({@code null} JSON when it has none)
 * @param correlationId id of the flow's origin; the action's own id when it starts a flow
 * @param causationId id of what caused this action (an intent, another action); itself otherwise
 * @param correlationChain ids from the origin down to this action, inclusive
 * @param idempotencyKey key under which a repeated delivery is recognised, or {@code null}
 * @param issuedAt when the action was issued; the reducer's notion of "now"
 * @param expiresAt after this instant the action must not be applied, or {@code null}
 * @param parentActionId for an action the engine derives from another (an intent's outcome, a fired
 *     timer), the action whose event emitted that intent or timer; {@code null} for actions from
 *     callers
 * @param metadata free-form string metadata carried along unchanged
 *     <p>An action is journaled only once applied, so it carries no status of its own: a refused
 *     action is answered and forgotten. Actions are addressed by workflow type and instance id,
 *     never by node. Journals of release 0.1 recorded a {@code status} and a {@code target} that
 *     meant nothing; they are ignored when read.
 */
@JsonIgnoreProperties({"status", "target"})
public record Action(
    String actionId,
    String type,
    String leaseId,
    Long fencingToken,
    Long epoch,
    JsonNode payload,
    String correlationId,
    String causationId,
    List<String> correlationChain,
    String idempotencyKey,
    Instant issuedAt,
    Instant expiresAt,
    String parentActionId,
    Map<String, String> metadata) {

  /** Metadata key naming the authenticated principal that sent the action, when there is one. */
  public static final String PRINCIPAL_METADATA = "onex.principal";

  /** The reserved type of the action that starts an instance; its payload is the start input. */
  public static final String START = "$start";

  public Action {
    Objects.requireNonNull(actionId, "actionId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(issuedAt, "issuedAt");
    payload = payload == null ? NullNode.getInstance() : payload;
    correlationId = correlationId == null ? actionId : correlationId;
    causationId = causationId == null ? actionId : causationId;
    correlationChain = chainEndingWith(correlationChain, correlationId, actionId);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** Starts a builder for an action of the given type, with a fresh id. */
  public static Builder builder(String type) {
    return new Builder(type);
  }

  /** A builder holding every field of this action. */
  public Builder toBuilder() {
    return new Builder(type)
        .actionId(actionId)
        .leaseId(leaseId)
        .fencingToken(fencingToken)
        .epoch(epoch)
        .payload(payload)
        .correlationId(correlationId)
        .causationId(causationId)
        .correlationChain(correlationChain)
        .idempotencyKey(idempotencyKey)
        .issuedAt(issuedAt)
        .expiresAt(expiresAt)
        .parentActionId(parentActionId)
        .metadata(metadata);
  }

  /** Whether the action has an expiry that lies before {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && expiresAt.isBefore(now);
  }

  private static List<String> chainEndingWith(List<String> given, String origin, String self) {
    List<String> chain = new ArrayList<>();
    if (given == null || given.isEmpty()) {
      chain.add(origin);
    } else {
      chain.addAll(given);
    }
    if (!chain.get(chain.size() - 1).equals(self)) {
      chain.add(self);
    }
    return List.copyOf(chain);
  }

  /** Mutable builder of an {@link Action}; not thread-safe. */
  public static final class Builder {
    private String actionId = UUID.randomUUID().toString();
    private final String type;
    private String leaseId;
    private Long fencingToken;
    private Long epoch;
    private JsonNode payload;
    private String correlationId;
    private String causationId;
    private List<String> correlationChain;
    private String idempotencyKey;
    private Instant issuedAt;
    private Instant expiresAt;
    private String parentActionId;
    private Map<String, String> metadata = Map.of();

    private Builder(String type) {
      this.type = Objects.requireNonNull(type, "type");
    }

    public Builder actionId(String actionId) {
      this.actionId = actionId;
      return this;
    }

    public Builder leaseId(String leaseId) {
      this.leaseId = leaseId;
      return this;
    }

    public Builder fencingToken(Long fencingToken) {
      this.fencingToken = fencingToken;
      return this;
    }

    public Builder epoch(Long epoch) {
      this.epoch = epoch;
      return this;
    }

    public Builder payload(JsonNode payload) {
      this.payload = payload;
      return this;
    }

    public Builder correlationId(String correlationId) {
      this.correlationId = correlationId;
      return this;
    }

    public Builder causationId(String causationId) {
      this.causationId = causationId;
      return this;
    }

    public Builder correlationChain(List<String> correlationChain) {
      this.correlationChain = correlationChain;
      return this;
    }

    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    public Builder issuedAt(Instant issuedAt) {
      this.issuedAt = issuedAt;
      return this;
    }

    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    public Builder parentActionId(String parentActionId) {
      this.parentActionId = parentActionId;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    /** Builds the action; {@code issuedAt} is required. */
    public Action build() {
      return new Action(
          actionId,
          type,
          leaseId,
          fencingToken,
          epoch,
          payload,
          correlationId,
          causationId,
          correlationChain,
          idempotencyKey,
          issuedAt,
          expiresAt,
          parentActionId,
          metadata);
    }
  }
}
