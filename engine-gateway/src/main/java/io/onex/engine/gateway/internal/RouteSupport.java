package io.onex.engine.gateway.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.core.client.ActionOutcome;
import io.onex.engine.core.concurrent.Stages;
import io.onex.engine.core.json.EngineJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * What the gateway's route classes share: reading JSON bodies strictly and within the size limit,
 * reading typed fields and parameters with errors that name them, and answering with JSON.
 */
abstract class RouteSupport extends AllDirectives {

  protected final ObjectMapper json = EngineJson.mapper();
  protected final Executor executor;
  protected final long maxBodyBytes;
  protected final String problemTypeBase;

  RouteSupport(Executor executor, Config http) {
    this.executor = executor;
    this.maxBodyBytes = http.getBytes("max-body-size");
    this.problemTypeBase = http.getString("problem-type-base");
  }

  protected Route jsonBody(Function<ObjectNode, Route> inner) {
    return textBody(text -> inner.apply(parseObject(text)));
  }

  /** The body as text, refused as too large past {@code onex.http.max-body-size}. */
  protected Route textBody(Function<String, Route> inner) {
    return extractRequestEntity(
        entity -> {
          OptionalLong declared = entity.getContentLengthOption();
          if (declared.isPresent() && declared.getAsLong() > maxBodyBytes) {
            throw new PayloadTooLarge();
          }
          return withSizeLimit(maxBodyBytes, () -> entity(Unmarshaller.entityToString(), inner));
        });
  }

  protected ObjectNode parseObject(String text) {
    if (text.isBlank()) {
      return json.createObjectNode();
    }
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw BadRequest.malformedJson("The body is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw BadRequest.invalid("Expected the body to be a JSON object");
    }
    return object;
  }

  protected static String optionalText(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw BadRequest.invalid("Expected field '" + field + "' to be a string").field(field);
    }
    return value.textValue();
  }

  protected static Long optionalLong(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToExactIntegral() || !value.isNumber()) {
      throw BadRequest.invalid("Expected field '" + field + "' to be an integer").field(field);
    }
    return value.longValue();
  }

  protected static Instant optionalInstant(ObjectNode body, String field) {
    String text = optionalText(body, field);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw BadRequest.invalid(
              "Expected field '"
                  + field
                  + "' to be an ISO-8601 instant such as 2030-01-01T00:00:00Z, but got '"
                  + text
                  + "'")
          .field(field);
    }
  }

  protected static String requiredText(ObjectNode body, String field) {
    String value = optionalText(body, field);
    if (value == null || value.isBlank()) {
      throw BadRequest.invalid("Expected a non-empty string field '" + field + "'").field(field);
    }
    return value;
  }

  /** The body field {@code definitionVersion}, a positive integer. */
  protected static int requiredVersion(ObjectNode body) {
    Long version = optionalLong(body, "definitionVersion");
    if (version == null || version < 1 || version > Integer.MAX_VALUE) {
      throw BadRequest.invalid("Expected a positive integer field 'definitionVersion'")
          .field("definitionVersion");
    }
    return version.intValue();
  }

  /** The answer to an action: the instance after it, with the intents it emitted. */
  protected ObjectNode outcomeBody(ActionOutcome outcome) {
    ObjectNode body = json.valueToTree(outcome.instance());
    body.set("intents", json.valueToTree(outcome.intents()));
    return body;
  }

  protected static long positiveParameter(
      String name, Optional<String> raw, long fallback, long max) {
    if (raw.isEmpty()) {
      return Math.min(fallback, max);
    }
    try {
      long value = Long.parseLong(raw.get());
      if (value >= 1 && value <= max) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw BadRequest.invalid(
            "Expected query parameter '"
                + name
                + "' to be an integer from 1 to "
                + max
                + ", but got '"
                + raw.get()
                + "'")
        .field(name);
  }

  /**
   * Answers with {@code body} of {@code result}'s value as JSON, or with the problem of its error.
   * The body is written on the thread that completes {@code result} (the engine's client completes
   * its stages on the node's dispatcher), with no further hop.
   */
  protected <T> Route respond(
      StatusCode status, CompletionStage<T> result, Function<T, Object> body) {
    CompletionStage<HttpResponse> response =
        Stages.direct(result)
            .handle(
                (value, error) -> {
                  if (error != null) {
                    throw error instanceof CompletionException
                        ? (CompletionException) error
                        : new CompletionException(error);
                  }
                  return jsonResponse(status, body.apply(value));
                });
    return completeWithFuture(response);
  }

  /** {@code body} (a record, a map or a {@link JsonNode}) written once, as JSON. */
  protected HttpResponse jsonResponse(StatusCode status, Object body) {
    try {
      return HttpResponse.create()
          .withStatus(status)
          .withEntity(ContentTypes.APPLICATION_JSON, json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write the answer as JSON", e);
    }
  }

  /** A body longer than the configured limit. */
  static final class PayloadTooLarge extends RuntimeException {
    PayloadTooLarge() {
      super(null, null, false, false);
    }
  }

  /** A request the gateway refuses before it reaches the engine, naming the field if it can. */
  static final class BadRequest extends RuntimeException {
    final ProblemCatalog.RequestProblem problem;
    String field;

    private BadRequest(ProblemCatalog.RequestProblem problem, String detail) {
      super(detail, null, false, false);
      this.problem = problem;
    }

    static BadRequest invalid(String detail) {
      return new BadRequest(ProblemCatalog.RequestProblem.INVALID_REQUEST, detail);
    }

    static BadRequest malformedJson(String detail) {
      return new BadRequest(ProblemCatalog.RequestProblem.MALFORMED_JSON, detail);
    }

    BadRequest field(String field) {
      this.field = field;
      return this;
    }

    Problem toProblem() {
      return Problem.of(problem, getMessage()).with("field", field);
    }
  }
}
