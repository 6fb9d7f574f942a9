package io.onex.engine.core.error;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every problem the engine reports, by its stable, machine-readable code: the {@code type} of the
 * gateway's problem+json bodies and of errors that cross node boundaries. Each code belongs to
 * exactly one {@link WorkflowException} subclass, which {@link WorkflowError#toException()}
 * rebuilds from the code alone. Codes are part of the public API and never change meaning.
 */
public enum ErrorCode {
  INVALID_IDENTIFIER("invalid-identifier", InvalidIdentifierException::new),
  UNKNOWN_WORKFLOW_TYPE("unknown-workflow-type", UnknownWorkflowTypeException::new),
  INSTANCE_NOT_FOUND("instance-not-found", InstanceNotFoundException::new),
  INSTANCE_ALREADY_EXISTS("instance-already-exists", InstanceAlreadyExistsException::new),
  UNKNOWN_ACTION("unknown-action", UnknownActionException::new),
  INVALID_PAYLOAD("invalid-payload", InvalidPayloadException::new),
  INVALID_STATE("invalid-state", InvalidStateException::new),
  TRANSITION_REJECTED("transition-rejected", TransitionRejectedException::new),
  INSTANCE_CLOSED("instance-closed", InstanceClosedException::new),
  ACTION_EXPIRED("action-expired", ActionExpiredException::new),
  INSTANCE_DIVERGED("instance-diverged", InstanceDivergedException::new),
  INTENT_NOT_PENDING("intent-not-pending", IntentNotPendingException::new),
  EPOCH_CONFLICT("epoch-conflict", EpochConflictException::new),
  MIGRATION_REFUSED("migration-refused", MigrationRefusedException::new),
  INSTANCE_NOT_ENDED("instance-not-ended", InstanceNotEndedException::new),
  LEASE_REQUIRED("lease-required", LeaseRejectedException::new),
  STALE_LEASE("stale-lease", LeaseRejectedException::new),
  LEASE_CONFLICT("lease-conflict", LeaseConflictException::new),
  LEASE_EXPIRED("lease-expired", LeaseExpiredException::new),
  LEASE_NOT_FOUND("lease-not-found", LeaseNotFoundException::new),
  NODE_NOT_FOUND("node-not-found", NodeNotFoundException::new),
  SUBSCRIPTION_NOT_FOUND("subscription-not-found", SubscriptionNotFoundException::new),
  INVALID_SPEC("invalid-spec", InvalidSpecException::new),
  SPEC_CONFLICT("spec-conflict", SpecConflictException::new),
  DEPENDENCY_UNAVAILABLE("dependency-unavailable", DependencyUnavailableException::new),
  INSTANCE_LIMIT("instance-limit", InstanceLimitException::new),
  ENGINE_UNAVAILABLE("engine-unavailable", EngineUnavailableException::new);

  private static final Map<String, ErrorCode> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::code, c -> c));

  private final String code;
  private final Function<WorkflowError, WorkflowException> rebuild;

  ErrorCode(String code, Function<WorkflowError, WorkflowException> rebuild) {
    this.code = code;
    this.rebuild = rebuild;
  }

  /** The code as written in problem types and replies, such as {@code instance-not-found}. */
  public String code() {
    return code;
  }

  /** The error code written as {@code code}, if there is one. */
  public static Optional<ErrorCode> of(String code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }

  WorkflowException rebuild(WorkflowError error) {
    return rebuild.apply(error);
  }
}
