package io.onex.engine.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine journals for each accepted action: exactly one event per action, carrying the
 * action itself, the intents the reducer produced for it, where it sits in its causal flow, and a
 * digest of the state it led to. Replaying the events in sequence through the pinned definition
 * reproduces every state, which the digests prove.
 *
 * <p>Immutable; serialized as JSON with these field names, which are part of the history format.
 *
 * @param eventId deterministic id of this event (derived from instance and sequence)
 * @param workflowType the instance's workflow type
 * @param instanceId the instance's id
 * @param sequence position in the instance's history, from 1 (the start) without gaps
 * @param epoch the instance's epoch when the action was applied (its version for optimistic
 *     concurrency: 0 after the start, one higher after every later event of format 2)
 * @param action the applied action as received, with status COMPLETED (the start for sequence 1)
 * @param intents the intents the reducer emitted, in order
 * @param causationId id of what caused the action (itself, or an intent)
 * @param correlationChain ids from the flow's origin down to this event, inclusive
 * @param definitionVersion the definition version that applied the action
 * @param timestamp when it happened: the action's issue time, never a clock read by the reducer
 * @param status the instance's status after the action
 * @param statusReason why the instance ended, when it failed or was cancelled; otherwise null
 * @param stateDigest SHA-256 of the canonical JSON of the resulting state
 * @param formatVersion {@value #FORMAT} for events written by this version of the engine; absent
 *     for events of release 0.1, after which the epoch did not change
 * @param pendingIntents how many intents and timers the instance awaits after the action; absent in
 *     events written before the engine recorded it
 * @param searchAttributes the values of the definition's search attributes after the action, by
 *     name (an attribute without a value is left out); absent when the definition declares none
 * @param steps the named workflow steps that moved in this event ({@link StepRecord}); absent when
 *     none did
 */
public record WorkflowEvent(
    String eventId,
    String workflowType,
    String instanceId,
    long sequence,
    long epoch,
    Action action,
    List<Intent> intents,
    String causationId,
    List<String> correlationChain,
    int definitionVersion,
    Instant timestamp,
    InstanceStatus status,
    String statusReason,
    String stateDigest,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer formatVersion,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer pendingIntents,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> searchAttributes,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StepRecord> steps) {

  /** The format of the events this engine writes. */
  public static final int FORMAT = 2;

  public WorkflowEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
    intents = intents == null ? List.of() : List.copyOf(intents);
    correlationChain = correlationChain == null ? List.of() : List.copyOf(correlationChain);
    steps = steps == null ? List.of() : List.copyOf(steps);
    searchAttributes =
        searchAttributes == null || searchAttributes.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(searchAttributes));
  }

  /** The id of the flow this event belongs to: its action's correlation id. */
  @JsonIgnore
  public String correlationId() {
    return action.correlationId();
  }

  /**
   * Whether the instance's epoch is one higher after this event than before it: true for every
   * event after the start written in format 2 or later.
   */
  @JsonIgnore
  public boolean advancesEpoch() {
    return !isStart() && formatVersion != null && formatVersion >= 2;
  }

  /** Whether this is the event that started the instance. */
  @JsonIgnore
  public boolean isStart() {
    return Action.START.equals(action.type());
  }
}
