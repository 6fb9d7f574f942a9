package io.onex.engine.benchmarks;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.stream.Materializer;

/**
 * The JVM load client of the HTTP scenario: the Pekko HTTP client ({@code singleRequest}) with a
 * host connection pool of as many keep-alive connections as requests in flight, in an actor system
 * of its own. It sends the requests that must be counted (one start or one first action per
 * instance), and the timed phases too where wrk is not installed. {@link #post} completes with the
 * length of the answer's body, and fails on a status of 300 or more.
 */
final class HttpLoadClient implements AutoCloseable {

  private static final Duration BODY_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<Void> system;
  private final Http http;
  private final Materializer materializer;

  HttpLoadClient(int connections) {
    int openRequests = Integer.highestOneBit(Math.max(connections, 1) * 2 - 1) * 2;
    this.system =
        ActorSystem.create(
            Behaviors.empty(),
            "bench-http-client",
            ConfigFactory.parseString(
                    "pekko.actor.provider = local"
                        + "\npekko.http.host-connection-pool.max-connections = "
                        + connections
                        + "\npekko.http.host-connection-pool.max-open-requests = "
                        + openRequests
                        + "\npekko.loglevel = WARNING")
                .withFallback(ConfigFactory.load()));
    this.http = Http.get(system);
    this.materializer = Materializer.matFromSystem(system);
  }

  /** POSTs {@code body} as JSON to {@code uri}; completes with the answer's body length. */
  CompletionStage<Integer> post(String uri, String body) {
    return http.singleRequest(HttpRequest.POST(uri).withEntity(ContentTypes.APPLICATION_JSON, body))
        .thenCompose(
            response ->
                response
                    .entity()
                    .toStrict(BODY_TIMEOUT.toMillis(), materializer)
                    .thenApply(
                        strict -> {
                          int status = response.status().intValue();
                          if (status >= 300) {
                            throw new IllegalStateException(
                                "HTTP "
                                    + status
                                    + " from "
                                    + uri
                                    + ": "
                                    + strict.getData().utf8String());
                          }
                          return strict.getData().size();
                        }));
  }

  @Override
  public void close() {
    http.shutdownAllConnectionPools().toCompletableFuture().join();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
