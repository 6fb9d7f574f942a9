package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.core.error.InstanceNotFoundException;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.GatewayNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway asks its authenticator about every /v1 request, and refuses whom it does not know.
 */
class AuthenticatorSeamTest {

  @TempDir static Path dataDir;
  private static GatewayNode node;

  @BeforeAll
  static void startNode() {
    Authenticator byHeader =
        request ->
            CompletableFuture.completedFuture(
                request
                    .getHeader("X-Test-Key")
                    .filter(header -> header.value().equals("let-me-in"))
                    .map(header -> new Principal("tester", Set.of("operator"))));
    node = GatewayNode.start(Map.of("onex.data-dir", dataDir.toString()), byHeader);
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void shouldRefuseAV1RequestWithoutCredentialsWith401ProblemAndChallenge() {
    // when
    Response refused =
        node.post(
            "/v1/workflows/counter/instances",
            "{\"instanceId\":\"refused\",\"input\":{\"initial\":1}}");

    // then
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.body().get("type").asText()).endsWith("/unauthenticated");
    assertThat(refused.challenge()).isEqualTo("Bearer realm=\"onex\"");
    assertThat(node.engine().client().get("counter", "refused"))
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(InstanceNotFoundException.class);
  }

  @Test
  void shouldServeAV1RequestTheAuthenticatorAcceptsAndLeaveOnlyTheProbesOpen() {
    // when
    Response started =
        node.post(
            "/v1/workflows/counter/instances",
            "{\"instanceId\":\"known\",\"input\":{\"initial\":1}}",
            "X-Test-Key",
            "let-me-in");

    // then
    assertThat(started.status()).isEqualTo(201);
    assertThat(node.get("/health/live").status()).isEqualTo(200);
    assertThat(node.get("/health/ready").status()).isEqualTo(200);
    assertThat(Optional.ofNullable(node.get("/health/live").challenge())).isEmpty();
    // everything else needs credentials, /health and /metrics included
    assertThat(node.get("/health").status()).isEqualTo(401);
    assertThat(node.get("/metrics").status()).isEqualTo(401);
  }
}
