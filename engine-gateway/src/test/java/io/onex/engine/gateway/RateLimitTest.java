package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.core.testing.HttpCalls;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.GatewayNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each principal may make so many requests per period; past that, 429 with Retry-After. */
class RateLimitTest {

  @TempDir static Path dataDir;
  static GatewayNode node;

  @BeforeAll
  static void start() {
    node =
        GatewayNode.start(
            Map.of(
                "onex.data-dir",
                dataDir.toString(),
                "onex.http.rate-limit.requests",
                5,
                "onex.http.rate-limit.period",
                "2s"),
            ApiKeyAuthenticator.of(List.of("busy-key:reader:busy", "calm-key:reader:calm")));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static HttpResponse<String> get(String path, String key) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(node.base() + path)).header("X-API-Key", key).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aPrincipalPastItsLimitGets429WithRetryAfterAndTheLimitResets() throws Exception {
    int ok = 0;
    HttpResponse<String> refused = null;
    for (int i = 0; i < 20 && refused == null; i++) {
      HttpResponse<String> answer = get("/v1/workflows", "busy-key");
      if (answer.statusCode() == 429) {
        refused = answer;
      } else {
        assertThat(answer.statusCode()).isEqualTo(200);
        ok++;
      }
    }

    assertThat(refused).isNotNull();
    assertThat(ok).isBetween(1, 10);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(refused.body()).contains("/rate-limited");
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 2L);
    // another principal has a limit of its own; the probes have none
    assertThat(get("/v1/workflows", "calm-key").statusCode()).isEqualTo(200);
    Response probe =
        HttpCalls.send(HttpRequest.newBuilder(URI.create(node.base() + "/health/live")));
    assertThat(probe.status()).isEqualTo(200);

    Thread.sleep(retryAfter * 1000 + 100);
    assertThat(get("/v1/workflows", "busy-key").statusCode()).isEqualTo(200);
  }
}
