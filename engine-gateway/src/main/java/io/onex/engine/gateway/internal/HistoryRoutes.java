package io.onex.engine.gateway.internal;

import com.typesafe.config.Config;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.WorkflowHistory;
import io.onex.engine.persistence.HistoryFiles;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The replay debugger over HTTP: pages of history, the NDJSON export, the state at any event, the
 * replay of an instance against a definition version, and the deploy gate over every unfinished
 * instance of a type.
 */
final class HistoryRoutes extends RouteSupport {

  private static final ContentType NDJSON =
      MediaTypes.applicationWithFixedCharset("x-ndjson", HttpCharsets.UTF_8).toContentType();

  private final WorkflowHistory history;
  private final int historyMaxLimit;

  HistoryRoutes(WorkflowHistory history, Executor executor, Config http) {
    super(executor, http);
    this.history = history;
    this.historyMaxLimit = http.getInt("history-max-limit");
  }

  /** The routes below {@code /v1/workflows/{type}/instances/{id}}. */
  Route instanceRoutes(String type, String id) {
    return concat(
        pathPrefix(
            "history",
            () ->
                concat(
                    pathEndOrSingleSlash(() -> get(() -> page(type, id))),
                    path("export", () -> get(() -> export(type, id))))),
        path("state", () -> get(() -> stateAt(type, id))),
        path("replay", () -> post(() -> replay(type, id))));
  }

  /** {@code POST /v1/workflows/{type}/replay-check} with {@code {"definitionVersion": v}}. */
  Route replayCheck(String type) {
    return jsonBody(
        body ->
            respond(
                StatusCodes.OK, history.replayCheck(type, requiredVersion(body)), check -> check));
  }

  private Route page(String type, String id) {
    return parameterOptional(
        "fromSeq",
        fromSeq ->
            parameterOptional(
                "limit",
                limit -> {
                  long from = positiveParameter("fromSeq", fromSeq, 1, Long.MAX_VALUE);
                  int max = (int) positiveParameter("limit", limit, 100, historyMaxLimit);
                  return respond(StatusCodes.OK, history.page(type, id, from, max), page -> page);
                }));
  }

  private Route export(String type, String id) {
    CompletionStage<HttpResponse> response =
        history
            .export(type, id)
            .thenApplyAsync(
                events ->
                    HttpResponse.create()
                        .withEntity(NDJSON, ndjson(events).getBytes(StandardCharsets.UTF_8)),
                executor);
    return completeWithFuture(response);
  }

  private Route stateAt(String type, String id) {
    return parameterOptional(
        "atSeq",
        atSeq -> {
          if (atSeq.isEmpty()) {
            throw BadRequest.invalid(
                    "Expected query parameter 'atSeq', the sequence number to show the state at")
                .field("atSeq");
          }
          long sequence = positiveParameter("atSeq", atSeq, 1, Long.MAX_VALUE);
          return respond(StatusCodes.OK, history.stateAt(type, id, sequence), view -> view);
        });
  }

  private Route replay(String type, String id) {
    return jsonBody(
        body ->
            respond(
                StatusCodes.OK, history.replay(type, id, requiredVersion(body)), report -> report));
  }

  private static String ndjson(List<WorkflowEvent> events) {
    StringWriter out = new StringWriter();
    HistoryFiles.write(events, out);
    return out.toString();
  }
}
