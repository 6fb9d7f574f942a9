package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.testing.HttpCalls;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.GatewayNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys and roles: who may call what, and who did what. */
class ApiKeyAuthTest {

  static final String READER_KEY = "r-secret-1";
  static final String OPERATOR_KEY = "o-secret-2";
  static final String ADMIN_KEY = "a-secret-3";
  static final String OTHER_ADMIN_KEY = "a-secret-4";

  @TempDir static Path dataDir;
  static GatewayNode node;

  @BeforeAll
  static void start() {
    Authenticator keys =
        ApiKeyAuthenticator.of(
            List.of(
                READER_KEY + ":reader:dashboards",
                OPERATOR_KEY + ":operator:checkout",
                ADMIN_KEY + ":admin",
                OTHER_ADMIN_KEY + ":admin:night-shift"));
    node = GatewayNode.start(Map.of("onex.data-dir", dataDir.toString()), keys);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Response call(String method, String path, String body, String key) {
    return node.http().call(method, path, body, "X-API-Key", key);
  }

  @Test
  void everyRouteButTheProbesRefusesAMissingOrUnknownKeyWith401() {
    for (String[] route :
        new String[][] {
          // every route of the HTTP API but the two probes
          {"GET", "/v1/workflows"},
          {"GET", "/v1/workflows/counter/instances"},
          {"POST", "/v1/workflows/counter/instances"},
          {"GET", "/v1/workflows/counter/instances/c-1"},
          {"DELETE", "/v1/workflows/counter/instances/c-1"},
          {"POST", "/v1/workflows/counter/instances/c-1/actions"},
          {"GET", "/v1/workflows/counter/instances/c-1/history"},
          {"GET", "/v1/workflows/counter/instances/c-1/history/export"},
          {"GET", "/v1/workflows/counter/instances/c-1/state?atSeq=1"},
          {"POST", "/v1/workflows/counter/instances/c-1/replay"},
          {"GET", "/v1/workflows/counter/instances/c-1/events"},
          {"POST", "/v1/workflows/counter/instances/c-1/terminate"},
          {"POST", "/v1/workflows/counter/instances/c-1/intents/i-1/retry"},
          {"POST", "/v1/workflows/counter/instances/c-1/intents/i-1/skip"},
          {"POST", "/v1/workflows/counter/instances/c-1/migrate"},
          {"POST", "/v1/workflows/counter/replay-check"},
          {"GET", "/v1/workflows/counter/events"},
          {"PUT", "/v1/workflows/flow/versions/1"},
          {"GET", "/v1/workflows/flow/versions/1"},
          {"PUT", "/v1/workflows/flow/rollout"},
          {"GET", "/v1/instances"},
          {"POST", "/v1/instances/terminate"},
          {"GET", "/v1/leases"},
          {"POST", "/v1/leases"},
          {"POST", "/v1/leases/l-1/renew"},
          {"DELETE", "/v1/leases/l-1"},
          {"GET", "/v1/nodes"},
          {"GET", "/v1/nodes/n-1"},
          {"GET", "/v1/subscriptions"},
          {"GET", "/v1/subscriptions/s-1"},
          {"POST", "/v1/subscriptions/s-1/stop"},
          {"POST", "/v1/subscriptions/s-1/start"},
          {"GET", "/v1/cluster"},
          {"GET", "/v1/me"},
          {"GET", "/v1/handlers"},
          {"GET", "/health"},
          {"GET", "/metrics"},
          {"GET", "/v1/schemas/workflow-spec"}
        }) {
      for (String key : new String[] {null, "wrong-key"}) {
        boolean withBody = route[0].equals("POST") || route[0].equals("PUT");
        Response refused = call(route[0], route[1], withBody ? "{}" : null, key);
        assertThat(refused.status()).as(route[0] + " " + route[1] + " with " + key).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.challenge()).startsWith("ApiKey");
      }
    }
    assertThat(call("GET", "/health/live", null, null).status()).isEqualTo(200);
    assertThat(call("GET", "/health/ready", null, null).status()).isEqualTo(200);
  }

  @Test
  void aReaderReadsButMayNotChangeAnything() {
    assertThat(call("GET", "/v1/workflows", null, READER_KEY).status()).isEqualTo(200);
    assertThat(call("GET", "/health", null, READER_KEY).status()).isEqualTo(200);

    Response refused =
        call(
            "POST",
            "/v1/workflows/counter/instances",
            "{\"instanceId\":\"r-1\",\"input\":{\"initial\":1}}",
            READER_KEY);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body().path("type").asText()).endsWith("/forbidden");
    assertThat(refused.body().path("requiredRole").asText()).isEqualTo("operator");
    assertThat(call("GET", "/v1/workflows/counter/instances/r-1", null, READER_KEY).status())
        .isEqualTo(404);
  }

  @Test
  void anOperatorRunsAWorkflowAndTheHistorySaysWhoDidEachStep() {
    Response started =
        call(
            "POST",
            "/v1/workflows/counter/instances",
            "{\"instanceId\":\"op-1\",\"input\":{\"initial\":1}}",
            OPERATOR_KEY);
    Response acted =
        call(
            "POST",
            "/v1/workflows/counter/instances/op-1/actions",
            "{\"type\":\"Increment\",\"payload\":{\"by\":2}}",
            OPERATOR_KEY);
    Response spoofed =
        HttpCalls.send(
            HttpRequest.newBuilder(
                    URI.create(node.base() + "/v1/workflows/counter/instances/op-1/actions"))
                .header("Content-Type", "application/json")
                .header("X-API-Key", OPERATOR_KEY)
                .header("X-Onex-Principal", "somebody-else")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"Increment\",\"payload\":{\"by\":1}}")));

    assertThat(started.status()).isEqualTo(201);
    assertThat(acted.status()).isEqualTo(200);
    assertThat(spoofed.status()).isEqualTo(200);
    JsonNode events =
        call("GET", "/v1/workflows/counter/instances/op-1/history", null, READER_KEY)
            .body()
            .path("events");
    assertThat(events).hasSize(3);
    events.forEach(
        e -> assertThat(e.at("/action/metadata/onex.principal").asText()).isEqualTo("checkout"));
    // operator controls say who asked, too
    assertThat(
            call(
                    "POST",
                    "/v1/workflows/counter/instances/op-1/terminate",
                    "{\"reason\":\"done\"}",
                    OPERATOR_KEY)
                .status())
        .isEqualTo(200);
    JsonNode last =
        call("GET", "/v1/workflows/counter/instances/op-1/history", null, READER_KEY)
            .body()
            .at("/events/3");
    assertThat(last.at("/action/type").asText()).isEqualTo("onex.Terminate");
    assertThat(last.at("/action/metadata/onex.principal").asText()).isEqualTo("checkout");
    // an operator may not take leases
    assertThat(call("POST", "/v1/leases", "{\"resource\":\"r\"}", OPERATOR_KEY).status())
        .isEqualTo(403);
  }

  @Test
  void anUnnamedKeysPrincipalIsDerivedFromItsDigestAndTheKeyIsNeverShown() throws Exception {
    Response started =
        call(
            "POST",
            "/v1/workflows/counter/instances",
            "{\"instanceId\":\"ad-1\",\"input\":{\"initial\":1}}",
            ADMIN_KEY);
    assertThat(started.status()).isEqualTo(201);
    String principal =
        call("GET", "/v1/workflows/counter/instances/ad-1/history", null, ADMIN_KEY)
            .body()
            .at("/events/0/action/metadata/onex.principal")
            .asText();
    String digest =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(ADMIN_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(principal).isEqualTo("apikey-" + digest.substring(0, 8));
    assertThat(
            call("GET", "/v1/workflows/counter/instances/ad-1/history", null, ADMIN_KEY)
                .body()
                .toString())
        .doesNotContain(ADMIN_KEY);
  }

  @Test
  void malformedKeysAndAuthenticationOffOutsideDevAreRefusedAtStart() {
    assertThatThrownBy(() -> ApiKeyAuthenticator.of(List.of("only-a-key")))
        .hasMessageContaining("entry 1")
        .hasMessageNotContaining("only-a-key");
    assertThatThrownBy(() -> ApiKeyAuthenticator.of(List.of("k:superuser")))
        .hasMessageContaining("role one of [reader, operator, admin]");
    assertThatThrownBy(() -> ApiKeyAuthenticator.of(List.of("k:operator@")))
        .hasMessageContaining("role@type");
    assertThat(
            ApiKeyAuthenticator.of(List.of("k-scoped:reader+operator@order:shop"))
                .authenticate(
                    org.apache.pekko.http.javadsl.model.HttpRequest.create("/v1/workflows")
                        .addHeader(
                            org.apache.pekko.http.javadsl.model.headers.RawHeader.create(
                                "X-API-Key", "k-scoped")))
                .toCompletableFuture()
                .join())
        .contains(new Principal("shop", java.util.Set.of("reader", "operator@order")));
    assertThatThrownBy(
            () ->
                HttpGateway.authenticatorFor(
                    ConfigFactory.parseMap(
                            Map.of("onex.environment", "prod", "onex.auth.enabled", false))
                        .withFallback(ConfigFactory.load())))
        .hasMessageContaining("only the dev environment may turn it off");
    Authenticator fromEnvironment =
        HttpGateway.authenticatorFor(
            ConfigFactory.parseMap(
                    Map.of(
                        "onex.environment", "staging",
                        "onex.auth.api-keys-env", "k1:admin:ops, k2:reader"))
                .withFallback(ConfigFactory.load()));
    assertThat(((ApiKeyAuthenticator) fromEnvironment).size()).isEqualTo(2);
  }

  @Test
  void leasesAreTakenInTheCallersNameAndOnlyAdminsSeeOthersTokens() {
    Response inAnothersName =
        call(
            "POST",
            "/v1/leases",
            "{\"resource\":\"reports\",\"owner\":\"night-shift\"}",
            ADMIN_KEY);
    Response taken = call("POST", "/v1/leases", "{\"resource\":\"reports\"}", ADMIN_KEY);

    assertThat(inAnothersName.status()).isEqualTo(403);
    assertThat(taken.status()).isEqualTo(201);
    String owner = taken.body().path("owner").asText();
    assertThat(owner).startsWith("apikey-");
    String leaseId = taken.body().path("leaseId").asText();
    assertThat(call("POST", "/v1/leases/" + leaseId + "/renew", "{}", OTHER_ADMIN_KEY).status())
        .isEqualTo(403);
    assertThat(call("DELETE", "/v1/leases/" + leaseId, null, OTHER_ADMIN_KEY).status())
        .isEqualTo(403);
    assertThat(call("POST", "/v1/leases/" + leaseId + "/renew", "{}", ADMIN_KEY).status())
        .isEqualTo(200);

    JsonNode asReader =
        call("GET", "/v1/leases?resource=reports", null, READER_KEY).body().at("/leases/0");
    JsonNode asAdmin =
        call("GET", "/v1/leases?resource=reports", null, OTHER_ADMIN_KEY).body().at("/leases/0");
    assertThat(asReader.path("owner").asText()).isEqualTo(owner);
    assertThat(asReader.has("fencingToken")).isFalse();
    assertThat(asReader.has("leaseId")).isFalse();
    assertThat(asAdmin.path("fencingToken").asLong())
        .isEqualTo(taken.body().path("fencingToken").asLong());
    assertThat(call("DELETE", "/v1/leases/" + leaseId, null, ADMIN_KEY).status()).isEqualTo(204);
  }
}
