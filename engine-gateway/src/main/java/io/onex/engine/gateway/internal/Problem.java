package io.onex.engine.gateway.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.engine.core.error.ErrorCode;
import io.onex.engine.core.error.InvalidSpecException;
import io.onex.engine.core.error.WorkflowError;
import io.onex.engine.core.error.WorkflowException;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.gateway.internal.ProblemCatalog.Entry;
import io.onex.engine.gateway.internal.ProblemCatalog.RequestProblem;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}):
 * an entry of the {@link ProblemCatalog}, the detail of this occurrence, and the fields that name
 * what was wrong ({@code field}, {@code reason}, {@code instanceStatus}).
 */
record Problem(Entry entry, String detail, ObjectNode extensions) {

  static final ContentType PROBLEM_JSON =
      MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8).toContentType();

  static Problem of(Entry entry, String detail) {
    return new Problem(entry, detail, EngineJson.mapper().createObjectNode());
  }

  static Problem of(RequestProblem problem, String detail) {
    return of(problem.entry(), detail);
  }

  /** The problem describing {@code error}, with the field, reason or status it names. */
  static Problem of(WorkflowException error) {
    WorkflowError details = error.toError();
    Problem problem = of(ProblemCatalog.of(error.errorCode()), error.getMessage());
    if (error.errorCode() == ErrorCode.INVALID_PAYLOAD
        || error.errorCode() == ErrorCode.INVALID_STATE
        || error.errorCode() == ErrorCode.INVALID_IDENTIFIER) {
      problem.with("field", details.field());
    }
    if (error.errorCode() == ErrorCode.DEPENDENCY_UNAVAILABLE) {
      problem.with("dependency", details.field());
    }
    if (error instanceof InvalidSpecException invalid) {
      ArrayNode errors = problem.extensions.putArray("errors");
      invalid
          .violations()
          .forEach(v -> errors.addObject().put("pointer", v.pointer()).put("detail", v.message()));
    }
    problem.with("reason", details.reason());
    if (details.status() != null) {
      problem.with("instanceStatus", details.status().name());
    }
    return problem;
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
    body.put("type", typeBase + entry.code());
    body.put("title", entry.title());
    body.put("status", entry.status().intValue());
    body.put("detail", detail);
    body.put("instance", instance);
    body.setAll(extensions);
    return HttpResponse.create()
        .withStatus(entry.status())
        .withEntity(PROBLEM_JSON, body.toString().getBytes(StandardCharsets.UTF_8));
  }
}
