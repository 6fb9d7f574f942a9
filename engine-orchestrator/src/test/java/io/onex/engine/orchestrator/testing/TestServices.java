package io.onex.engine.orchestrator.testing;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.extractUnmatchedPath;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.engine.core.json.EngineJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Real local HTTP services for orchestrated steps: {@code POST /<path>} answers after a delay with
 * {@code {"path", "call", "body"}}; a path can be told to fail a number of times first (500) or
 * always (422). Records every call with its start and end, and how many ran at once.
 */
public final class TestServices implements AutoCloseable {

  /** One call as the service saw it. */
  public record Call(String path, JsonNode body, long startedNanos, long endedNanos) {}

  private final ActorSystem<Void> system =
      ActorSystem.create(Behaviors.empty(), "orchestrator-test-services");
  private final ServerBinding binding;
  private final Map<String, Duration> delays = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final Map<String, Boolean> refusing = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private volatile Duration delay = Duration.ofMillis(20);

  public TestServices() {
    binding =
        Http.get(system).newServerAt("127.0.0.1", 0).bind(routes()).toCompletableFuture().join();
  }

  public String url() {
    return "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  /** Every call waits {@code value} unless its path has its own delay. */
  public TestServices delay(Duration value) {
    this.delay = value;
    return this;
  }

  public TestServices delay(String path, Duration value) {
    delays.put(path, value);
    return this;
  }

  /** Calls of {@code path} fail with 500 {@code times} times before they succeed. */
  public TestServices failFirst(String path, int times) {
    failuresLeft.put(path, new AtomicInteger(times));
    return this;
  }

  /** Calls of {@code path} are refused with 422, for good. */
  public TestServices refuse(String path) {
    refusing.put(path, true);
    return this;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String path) {
    return calls.stream().filter(c -> c.path().equals(path)).toList();
  }

  /** The most calls that ran at the same time. */
  public int mostAtOnce() {
    return mostAtOnce.get();
  }

  private Route routes() {
    return post(
        () ->
            extractUnmatchedPath(
                path ->
                    entity(
                        Unmarshaller.entityToString(),
                        body ->
                            completeWithFuture(
                                answer(path.startsWith("/") ? path.substring(1) : path, body)))));
  }

  private CompletableFuture<HttpResponse> answer(String path, String text) {
    long started = System.nanoTime();
    int now = running.incrementAndGet();
    mostAtOnce.accumulateAndGet(now, Math::max);
    Duration wait = delays.getOrDefault(path, delay);
    return CompletableFuture.supplyAsync(
        () -> {
          JsonNode body = parse(text);
          running.decrementAndGet();
          calls.add(new Call(path, body, started, System.nanoTime()));
          if (refusing.containsKey(path)) {
            return json(
                StatusCodes.UNPROCESSABLE_ENTITY,
                EngineJson.mapper().createObjectNode().put("error", "refused"));
          }
          AtomicInteger left = failuresLeft.get(path);
          if (left != null && left.getAndDecrement() > 0) {
            return json(
                StatusCodes.INTERNAL_SERVER_ERROR,
                EngineJson.mapper().createObjectNode().put("error", "flaky"));
          }
          ObjectNode answer = EngineJson.mapper().createObjectNode();
          answer.put("path", path);
          answer.put("call", calls(path).size());
          answer.set("body", body);
          return json(StatusCodes.OK, answer);
        },
        CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS));
  }

  private static JsonNode parse(String text) {
    try {
      return EngineJson.mapper().readTree(text.isEmpty() ? "null" : text);
    } catch (Exception e) {
      return EngineJson.mapper().getNodeFactory().textNode(text);
    }
  }

  private static HttpResponse json(
      org.apache.pekko.http.javadsl.model.StatusCode status, JsonNode body) {
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(ContentTypes.APPLICATION_JSON, body.toString());
  }

  @Override
  public void close() {
    system.terminate();
  }
}
