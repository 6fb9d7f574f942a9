package io.onex.engine.gateway.internal;

import io.onex.engine.core.error.ErrorCode;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * Every problem the gateway answers with, in one table: each code with its HTTP status and title.
 * The engine's own codes ({@link ErrorCode}) come first, in an exhaustive switch, so that a new
 * code does not compile until it has a row; then the gateway's own ({@link RequestProblem}). A
 * problem's {@code type} is {@code onex.http.problem-type-base} followed by its code.
 */
final class ProblemCatalog {

  /** How one problem is answered. */
  record Entry(String code, StatusCode status, String title) {}

  private ProblemCatalog() {}

  /** The answer to the engine's error {@code code}. */
  static Entry of(ErrorCode code) {
    return switch (code) {
      case INVALID_IDENTIFIER -> entry(code, StatusCodes.BAD_REQUEST, "Invalid identifier");
      case UNKNOWN_WORKFLOW_TYPE -> entry(code, StatusCodes.NOT_FOUND, "Unknown workflow type");
      case INSTANCE_NOT_FOUND -> entry(code, StatusCodes.NOT_FOUND, "Instance not found");
      case INSTANCE_ALREADY_EXISTS -> entry(code, StatusCodes.CONFLICT, "Instance already exists");
      case UNKNOWN_ACTION -> entry(code, StatusCodes.UNPROCESSABLE_ENTITY, "Unknown action");
      case INVALID_PAYLOAD -> entry(code, StatusCodes.UNPROCESSABLE_ENTITY, "Invalid payload");
      case INVALID_STATE ->
          entry(code, StatusCodes.INTERNAL_SERVER_ERROR, "Reducer produced an invalid state");
      case TRANSITION_REJECTED -> entry(code, StatusCodes.CONFLICT, "Transition rejected");
      case INSTANCE_CLOSED -> entry(code, StatusCodes.CONFLICT, "Instance closed");
      case ACTION_EXPIRED -> entry(code, StatusCodes.CONFLICT, "Action expired");
      case INSTANCE_DIVERGED -> entry(code, StatusCodes.CONFLICT, "Instance diverged");
      case INTENT_NOT_PENDING -> entry(code, StatusCodes.CONFLICT, "Intent not pending");
      case EPOCH_CONFLICT -> entry(code, StatusCodes.CONFLICT, "Epoch conflict");
      case MIGRATION_REFUSED -> entry(code, StatusCodes.CONFLICT, "Migration refused");
      case INSTANCE_NOT_ENDED -> entry(code, StatusCodes.CONFLICT, "Instance not ended");
      case LEASE_REQUIRED -> entry(code, StatusCodes.CONFLICT, "Lease required");
      case STALE_LEASE -> entry(code, StatusCodes.CONFLICT, "Stale lease");
      case LEASE_CONFLICT -> entry(code, StatusCodes.CONFLICT, "Lease held by another owner");
      case LEASE_EXPIRED -> entry(code, StatusCodes.CONFLICT, "Lease not held");
      case LEASE_NOT_FOUND -> entry(code, StatusCodes.NOT_FOUND, "Lease not held");
      case NODE_NOT_FOUND -> entry(code, StatusCodes.NOT_FOUND, "Node not found");
      case SUBSCRIPTION_NOT_FOUND -> entry(code, StatusCodes.NOT_FOUND, "Subscription not found");
      case INVALID_SPEC -> entry(code, StatusCodes.UNPROCESSABLE_ENTITY, "Invalid workflow spec");
      case SPEC_CONFLICT -> entry(code, StatusCodes.CONFLICT, "Workflow spec version conflict");
      case DEPENDENCY_UNAVAILABLE ->
          entry(code, StatusCodes.SERVICE_UNAVAILABLE, "Workflow dependency unavailable");
      case INSTANCE_LIMIT ->
          entry(code, StatusCodes.TOO_MANY_REQUESTS, "Instance limit of the workflow type reached");
      case ENGINE_UNAVAILABLE -> entry(code, StatusCodes.SERVICE_UNAVAILABLE, "Engine unavailable");
    };
  }

  /** Problems the gateway finds in a request itself, before it reaches the engine. */
  enum RequestProblem {
    MALFORMED_JSON("malformed-json", StatusCodes.BAD_REQUEST, "Malformed JSON"),
    INVALID_REQUEST("invalid-request", StatusCodes.BAD_REQUEST, "Invalid request"),
    PAYLOAD_TOO_LARGE("payload-too-large", StatusCodes.PAYLOAD_TOO_LARGE, "Payload too large"),
    UNAUTHENTICATED("unauthenticated", StatusCodes.UNAUTHORIZED, "Unauthenticated"),
    FORBIDDEN("forbidden", StatusCodes.FORBIDDEN, "Forbidden"),
    RATE_LIMITED("rate-limited", StatusCodes.TOO_MANY_REQUESTS, "Rate limited"),
    METRICS_NOT_EXPOSED("metrics-not-exposed", StatusCodes.NOT_FOUND, "Metrics not exposed"),
    INTERNAL_ERROR("internal-error", StatusCodes.INTERNAL_SERVER_ERROR, "Internal error");

    private final Entry entry;

    RequestProblem(String code, StatusCode status, String title) {
      this.entry = new Entry(code, status, title);
    }

    Entry entry() {
      return entry;
    }
  }

  /**
   * The answer to a request pekko-http refused with {@code status} before any route ran (unknown
   * path, wrong method, bad request line): the status's own reason, in lower case, as the code.
   */
  static Entry ofStatus(StatusCode status) {
    return new Entry(
        status.reason().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
        status,
        status.reason());
  }

  private static Entry entry(ErrorCode code, StatusCode status, String title) {
    return new Entry(code.code(), status, title);
  }
}
