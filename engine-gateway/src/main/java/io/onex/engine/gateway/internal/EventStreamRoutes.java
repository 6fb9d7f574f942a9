package io.onex.engine.gateway.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.typesafe.config.Config;
import io.onex.engine.cluster.EventStreams;
import io.onex.engine.cluster.JournaledEvent;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.error.InvalidIdentifierException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Journaled events as Server-Sent Events, each event's data its JSON as the history shows it:
 * {@code GET /v1/workflows/{type}/instances/{id}/events?fromSeq=} (the history from {@code
 * fromSeq}, default 1, then live events; the SSE id is the sequence number, and a {@code
 * Last-Event-ID} header resumes after it; the stream ends after the event that ends the instance)
 * and {@code GET /v1/workflows/{type}/events?afterOffset=} (every event of the type journaled after
 * the offset, by default from now on; the SSE id is the journal offset, and {@code Last-Event-ID}
 * resumes after it). A comment line is sent every {@code onex.http.sse-keep-alive} so that idle
 * connections stay open.
 */
final class EventStreamRoutes extends RouteSupport {

  private static final String LAST_EVENT_ID = "Last-Event-ID";

  private final WorkflowRegistry registry;
  private final EventStreams events;
  private final Duration keepAlive;

  EventStreamRoutes(
      WorkflowRegistry registry, EventStreams events, Executor executor, Config http) {
    super(executor, http);
    this.registry = registry;
    this.events = events;
    this.keepAlive = http.getDuration("sse-keep-alive");
  }

  /** {@code GET /v1/workflows/{type}/instances/{id}/events}. */
  Route ofInstance(String type, String id) {
    return parameterOptional(
        "fromSeq",
        fromSeq ->
            optionalHeaderValueByName(
                LAST_EVENT_ID,
                lastEventId -> {
                  long from =
                      lastEventId.isPresent()
                          ? after(lastEventId.get()) + 1
                          : positiveParameter("fromSeq", fromSeq, 1, Long.MAX_VALUE);
                  return stream(
                      events
                          .ofInstance(type, id, from)
                          .thenApply(
                              journaled ->
                                  sse(
                                      journaled,
                                      event -> String.valueOf(event.event().sequence()))));
                }));
  }

  /** {@code GET /v1/workflows/{type}/events}. */
  Route ofType(String type) {
    return parameterOptional(
        "afterOffset",
        afterOffset ->
            optionalHeaderValueByName(
                LAST_EVENT_ID,
                lastEventId -> {
                  InvalidIdentifierException.requireValid("workflowType", type);
                  Optional<Long> after =
                      lastEventId.isPresent()
                          ? Optional.of(after(lastEventId.get()))
                          : afterOffset.map(
                              raw ->
                                  positiveParameter(
                                      "afterOffset", Optional.of(raw), 1, Long.MAX_VALUE));
                  registry.require(type);
                  CompletionStage<Long> from =
                      after.isPresent()
                          ? CompletableFuture.completedFuture(after.get())
                          : events.latestOffset();
                  return stream(
                      from.thenApply(
                          offset ->
                              sse(
                                  events.ofType(type, offset),
                                  event -> String.valueOf(event.offset()))));
                }));
  }

  private Route stream(CompletionStage<Source<ServerSentEvent, NotUsed>> stream) {
    return onSuccess(stream, source -> completeOK(source, EventStreamMarshalling.toEventStream()));
  }

  private Source<ServerSentEvent, NotUsed> sse(
      Source<JournaledEvent, NotUsed> journaled, Function<JournaledEvent, String> id) {
    return journaled
        .map(
            event ->
                ServerSentEvent.create(
                    data(event),
                    Optional.empty(),
                    Optional.of(id.apply(event)),
                    OptionalInt.empty()))
        .keepAlive(keepAlive, ServerSentEvent::heartbeat);
  }

  private String data(JournaledEvent event) {
    try {
      return json.writeValueAsString(event.event());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write an event as JSON", e);
    }
  }

  private static long after(String lastEventId) {
    try {
      long value = Long.parseLong(lastEventId.trim());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw BadRequest.invalid(
            "Expected header Last-Event-ID to be the id of an event this stream sent, but got '"
                + lastEventId
                + "'")
        .field(LAST_EVENT_ID);
  }
}
