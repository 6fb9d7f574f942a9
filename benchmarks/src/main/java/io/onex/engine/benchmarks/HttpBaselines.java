package io.onex.engine.benchmarks;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.json.EngineJson;
import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The baselines of the HTTP scenario, each a Pekko HTTP route on 127.0.0.1 reading the request body
 * as JSON and answering with a JSON body of a given size: the harness's ceiling ({@link #ceiling},
 * which answers at once) and raw persistence through HTTP ({@link #raw}, which persists one event
 * of the engine's size in a bare {@code EventSourcedBehavior} first).
 */
final class HttpBaselines {

  private static final Duration ASK = Duration.ofSeconds(30);

  private HttpBaselines() {}

  /** {@code POST /raw/{id}/actions}: answers as soon as the body is parsed. */
  static Route ceiling(int answerSize) {
    String answer = answerOfSize(answerSize);
    return actions(id -> answer(answer));
  }

  /**
   * {@code POST /raw/{id}/actions}: persists an event carrying {@code payload} in raw instance
   * {@code id}, then answers.
   */
  static Route raw(RawPersistence raw, String payload, int answerSize) {
    String answer = answerOfSize(answerSize);
    return actions(id -> onSuccess(raw.persist(id, payload, ASK), done -> answer(answer)));
  }

  /** {@code POST /raw/{id}/actions}: parses the body as JSON, then answers as {@code handle}. */
  private static Route actions(Function<String, Route> handle) {
    return path(
        segment("raw").slash(segment()).slash("actions"),
        id ->
            post(
                () ->
                    entity(
                        Unmarshaller.entityToString(),
                        body -> {
                          parse(body);
                          return handle.apply(id);
                        })));
  }

  /** Binds {@code route} on an ephemeral port of 127.0.0.1. */
  static ServerBinding bind(ActorSystem<?> system, Route route) {
    return Http.get(system).newServerAt("127.0.0.1", 0).bind(route).toCompletableFuture().join();
  }

  private static Route answer(String answer) {
    return complete(
        HttpResponse.create()
            .withStatus(StatusCodes.OK)
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, answer)));
  }

  private static JsonNode parse(String body) {
    try {
      return EngineJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not JSON: " + body, e);
    }
  }

  /** A JSON object of {@code size} bytes (at least its shortest form). */
  private static String answerOfSize(int size) {
    String prefix = "{\"state\":\"";
    String suffix = "\"}";
    return prefix + "x".repeat(Math.max(0, size - prefix.length() - suffix.length())) + suffix;
  }
}
