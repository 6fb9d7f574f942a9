package io.onex.engine.gateway.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.engine.core.InstanceClosedException;
import io.onex.engine.core.InvalidIdentifierException;
import io.onex.engine.core.InvalidPayloadException;
import io.onex.engine.core.LeaseRejectedException;
import io.onex.engine.core.TransitionRejectedException;
import io.onex.engine.core.WorkflowException;
import io.onex.engine.core.internal.EngineJson;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 * The one place where engine errors become HTTP statuses.
 */
record Problem(String code, StatusCode status, String title, String detail, ObjectNode extensions) {

  static final ContentType PROBLEM_JSON =
      MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8).toContentType();

  static Problem of(String code, StatusCode status, String title, String detail) {
    return new Problem(code, status, title, detail, EngineJson.mapper().createObjectNode());
  }

  /** The problem describing {@code error}, with its status and any field or reason it names. */
  static Problem of(WorkflowException error) {
    Problem problem =
        switch (error.code()) {
          case "invalid-identifier" -> of(error, StatusCodes.BAD_REQUEST, "Invalid identifier");
          case "unknown-workflow-type" -> of(error, StatusCodes.NOT_FOUND, "Unknown workflow type");
          case "instance-not-found" -> of(error, StatusCodes.NOT_FOUND, "Instance not found");
          case "instance-already-exists" ->
              of(error, StatusCodes.CONFLICT, "Instance already exists");
          case "unknown-action" -> of(error, StatusCodes.UNPROCESSABLE_ENTITY, "Unknown action");
          case "invalid-payload" -> of(error, StatusCodes.UNPROCESSABLE_ENTITY, "Invalid payload");
          case "transition-rejected" -> of(error, StatusCodes.CONFLICT, "Transition rejected");
          case "instance-closed" -> of(error, StatusCodes.CONFLICT, "Instance closed");
          case "action-expired" -> of(error, StatusCodes.CONFLICT, "Action expired");
          case "instance-diverged" -> of(error, StatusCodes.CONFLICT, "Instance diverged");
          case "epoch-conflict" -> of(error, StatusCodes.CONFLICT, "Epoch conflict");
          case "intent-not-pending" -> of(error, StatusCodes.CONFLICT, "Intent not pending");
          case "lease-required" -> of(error, StatusCodes.CONFLICT, "Lease required");
          case "stale-lease" -> of(error, StatusCodes.CONFLICT, "Stale lease");
          default -> of(error, StatusCodes.SERVICE_UNAVAILABLE, "Engine unavailable");
        };
    if (error instanceof InvalidPayloadException e) {
      problem.extensions().put("field", e.field());
    } else if (error instanceof InvalidIdentifierException e) {
      problem.extensions().put("field", e.field());
    } else if (error instanceof TransitionRejectedException e) {
      problem.extensions().put("reason", e.rejection().reason());
    } else if (error instanceof InstanceClosedException e) {
      problem.extensions().put("instanceStatus", e.status().name());
    } else if (error instanceof LeaseRejectedException e) {
      problem.extensions().put("reason", e.reason());
    }
    return problem;
  }

  private static Problem of(WorkflowException error, StatusCode status, String title) {
    return of(error.code(), status, title, error.getMessage());
  }

  Problem with(String name, String value) {
    if (value != null) {
      extensions.put(name, value);
    }
    return this;
  }

  /** The response carrying this problem about request path {@code instance}. */
  HttpResponse toResponse(String typeBase, String instance) {
    ObjectNode body = EngineJson.mapper().createObjectNode();
    body.put("type", typeBase + code);
    body.put("title", title);
    body.put("status", status.intValue());
    body.put("detail", detail);
    body.put("instance", instance);
    body.setAll(extensions);
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(
            PROBLEM_JSON, body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
