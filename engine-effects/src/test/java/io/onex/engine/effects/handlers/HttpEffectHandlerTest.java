package io.onex.engine.effects.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.Intent;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerHealth;
import io.onex.engine.core.json.EngineJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP handler against a real HTTP server on this machine. */
class HttpEffectHandlerTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static HttpServer server;
  private static final List<String> keys = new CopyOnWriteArrayList<>();
  private static final List<String> bodies = new CopyOnWriteArrayList<>();
  private static final List<String> authorizations = new CopyOnWriteArrayList<>();
  private static HttpEffectHandler handler;

  @BeforeAll
  static void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/svc",
        exchange -> {
          keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          if (authorization != null) {
            authorizations.add(authorization);
          }
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          String path = exchange.getRequestURI().getPath();
          int status = path.endsWith("/declined") ? 402 : path.endsWith("/down") ? 503 : 201;
          byte[] answer = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.createContext(
        "/health",
        exchange -> {
          int status = exchange.getRequestURI().getPath().endsWith("/sick") ? 503 : 200;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    handler = new HttpEffectHandler(testKit.system());
    handler.initialize(
        ConfigFactory.parseMap(
            Map.of("targets.svc", "http://127.0.0.1:" + server.getAddress().getPort() + "/svc")));
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    testKit.shutdownTestKit();
  }

  private static EffectRequest request(String path) {
    Intent intent =
        new Intent(
            "intent-" + path,
            "http",
            "svc",
            EngineJson.mapper().createObjectNode().put("orderId", "o-1"),
            null,
            null,
            "key-" + path,
            "event",
            "flow",
            null,
            Map.of("path", path));
    return new EffectRequest("order", "o-1", intent, 1);
  }

  @Test
  void shouldPostThePayloadWithTheIdempotencyKeyAndReturnTheAnswer() {
    EffectResult result =
        handler.execute(request("/ok"), ConfigFactory.empty()).toCompletableFuture().join();

    assertThat(result.value().get("path").asText()).isEqualTo("/svc/ok");
    assertThat(keys).contains("key-/ok");
    assertThat(bodies).contains("{\"orderId\":\"o-1\"}");
  }

  @Test
  void shouldFailForGoodOnAClientErrorAndRetryablyOnAServerError() {
    assertThatThrownBy(
            () ->
                handler
                    .execute(request("/declined"), ConfigFactory.empty())
                    .toCompletableFuture()
                    .join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            EffectException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("http-402");
              assertThat(e.retryable()).isFalse();
            });
    assertThatThrownBy(
            () ->
                handler
                    .execute(request("/down"), ConfigFactory.empty())
                    .toCompletableFuture()
                    .join())
        .cause()
        .isInstanceOfSatisfying(
            EffectException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("http-503");
              assertThat(e.retryable()).isTrue();
            });
  }

  private static String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static HttpEffectHandler handlerWith(Map<String, Object> targets) {
    HttpEffectHandler configured = new HttpEffectHandler(testKit.system());
    configured.initialize(ConfigFactory.parseMap(Map.of("targets", targets)));
    return configured;
  }

  @Test
  void aTargetsHeadersGoWithEveryRequestAndItsCredentialsAreNeverDescribed() {
    HttpEffectHandler secured =
        handlerWith(
            Map.of(
                "svc",
                Map.of(
                    "url",
                    base() + "/svc",
                    "headers",
                    Map.of("Authorization", "Bearer t0k3n-from-a-secret"))));

    secured.execute(request("/secured"), ConfigFactory.empty()).toCompletableFuture().join();

    assertThat(authorizations).containsExactly("Bearer t0k3n-from-a-secret");
    String described =
        handlerWith(
                Map.of(
                    "svc",
                    Map.of("url", base() + "/svc", "headers", Map.of("X-Token", "t0k3n")),
                    "legacy",
                    "https://svc-user:svc-pass@legacy.test/api?api_key=abc123&mode=x"))
            .describe()
            .toString();
    assertThat(described)
        .contains("https://svc-user:****@legacy.test/api?api_key=****&mode=x")
        .doesNotContain("t0k3n")
        .doesNotContain("svc-pass")
        .doesNotContain("abc123");
  }

  @Test
  void shouldReportHealthyWithItsLatencyWhenEveryTargetAnswers() {
    // given
    HttpEffectHandler checked =
        handlerWith(
            Map.of(
                "svc", Map.of("url", base(), "health-path", "/health"), "plain", base() + "/svc"));

    // when
    HandlerHealth health = checked.healthCheck().toCompletableFuture().join();

    // then
    assertThat(health.healthy()).as(health.detail()).isTrue();
    assertThat(health.latencyMs()).isNotNegative();
    assertThat(health.lastError()).isNull();
  }

  @Test
  void shouldReportUnhealthyNamingTheTargetWhenItsHealthPathFailsOrItIsUnreachable() {
    // given a target whose health path answers 503, and one where nothing listens
    HttpEffectHandler checked =
        handlerWith(
            Map.of(
                "sick",
                Map.of("url", base(), "health-path", "/health/sick"),
                "gone",
                "http://127.0.0.1:1/nothing"));

    // when
    HandlerHealth health = checked.healthCheck().toCompletableFuture().join();

    // then
    assertThat(health.healthy()).isFalse();
    assertThat(health.detail()).contains("sick: GET").contains("503").contains("gone:");
    assertThat(health.lastError()).startsWith("sick:").contains("503");
  }

  @Test
  void shouldTakeMethodAndPathFromTheOperationConfigurationOverTheIntentsMetadata() {
    // given an intent without a path, and an operation configuration that names one
    Intent bare =
        new Intent(
            "intent-op",
            "http",
            "svc",
            EngineJson.mapper().createObjectNode(),
            null,
            null,
            "key-op",
            "event",
            "flow",
            null,
            Map.of());

    // when
    EffectResult result =
        handler
            .execute(
                new EffectRequest("order", "o-1", bare, 1),
                ConfigFactory.parseMap(Map.of("path", "/from-config", "method", "PUT")))
            .toCompletableFuture()
            .join();

    // then
    assertThat(result.value().get("path").asText()).isEqualTo("/svc/from-config");
  }

  @Test
  void shouldRefuseATargetWithoutUrl() {
    Intent unknown =
        new Intent("i", "http", "nowhere", null, null, null, null, "e", "f", null, null);

    assertThatThrownBy(
            () ->
                handler
                    .execute(new EffectRequest("w", "i", unknown, 1), ConfigFactory.empty())
                    .toCompletableFuture()
                    .join())
        .cause()
        .isInstanceOfSatisfying(
            EffectException.class, e -> assertThat(e.errorType()).isEqualTo("unknown-target"));
  }
}
