package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.GatewayNode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer JWTs: a token signed by a configured key, for the configured issuer and audience and not
 * expired, authenticates its subject with the grants of its roles claim; any other gets 401.
 */
class JwtAuthTest {

  static final String ISSUER = "https://id.example.test";
  static final String AUDIENCE = "onex-gateway";

  @TempDir static Path dataDir;
  static RSAKey signingKey;
  static RSAKey otherKey;
  static GatewayNode node;

  @BeforeAll
  static void start() throws Exception {
    signingKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    Path jwks = dataDir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(signingKey.toPublicJWK()).toString());
    Config config =
        ConfigFactory.parseMap(
                Map.of(
                    "onex.environment",
                    "prod",
                    "onex.auth.jwt.jwks-file",
                    jwks.toString(),
                    "onex.auth.jwt.issuer",
                    ISSUER,
                    "onex.auth.jwt.audience",
                    AUDIENCE))
            .withFallback(ConfigFactory.load());
    node =
        GatewayNode.start(
            Map.of("onex.data-dir", dataDir.toString()), HttpGateway.authenticatorFor(config));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JWTClaimsSet.Builder claims(String subject, Object roles) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(subject)
        .claim("roles", roles)
        .expirationTime(Date.from(Instant.now().plusSeconds(300)));
  }

  static String signed(JWTClaimsSet claims, RSAKey key) throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  static Response call(String method, String path, String body, String token) {
    return node.http()
        .call(method, path, body, "Authorization", token == null ? null : "Bearer " + token);
  }

  @Test
  void aValidTokenAuthenticatesItsSubjectWithItsRoles() throws Exception {
    String reader = signed(claims("dana", List.of("reader")).build(), signingKey);
    String operator = signed(claims("otto", "operator offline_access").build(), signingKey);

    assertThat(call("GET", "/v1/workflows", null, reader).status()).isEqualTo(200);
    Response refused =
        call(
            "POST",
            "/v1/workflows/counter/instances",
            "{\"instanceId\":\"j-1\",\"input\":{\"initial\":1}}",
            reader);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().path("requiredRole").asText()).isEqualTo("operator");

    Response started =
        call(
            "POST",
            "/v1/workflows/counter/instances",
            "{\"instanceId\":\"j-1\",\"input\":{\"initial\":1}}",
            operator);
    assertThat(started.status()).isEqualTo(201);
    assertThat(
            call("GET", "/v1/workflows/counter/instances/j-1/history", null, reader)
                .body()
                .at("/events/0/action/metadata/onex.principal")
                .asText())
        .isEqualTo("otto");
  }

  @Test
  void aForgedExpiredMisaddressedOrTamperedTokenGets401() throws Exception {
    String expired =
        signed(
            claims("eve", List.of("admin"))
                .expirationTime(Date.from(Instant.now().minusSeconds(3600)))
                .build(),
            signingKey);
    String forged = signed(claims("eve", List.of("admin")).build(), otherKey);
    String otherAudience =
        signed(claims("eve", List.of("admin")).audience("elsewhere").build(), signingKey);
    String otherIssuer =
        signed(claims("eve", List.of("admin")).issuer("https://evil.test").build(), signingKey);
    String noExpiry =
        signed(claims("eve", List.of("admin")).expirationTime(null).build(), signingKey);
    String unsigned = new PlainJWT(claims("eve", List.of("admin")).build()).serialize();
    String genuine = signed(claims("eve", List.of("reader")).build(), signingKey);
    String[] parts = genuine.split("\\.");
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    claims("eve", List.of("admin"))
                        .build()
                        .toString()
                        .getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    for (String token :
        new String[] {
          expired, forged, otherAudience, otherIssuer, noExpiry, unsigned, tampered, "not-a-jwt"
        }) {
      Response refused = call("GET", "/v1/workflows", null, token);
      assertThat(refused.status()).as(token).isEqualTo(401);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.challenge()).contains("Bearer realm=\"onex\"");
    }
    assertThat(call("GET", "/v1/workflows", null, genuine).status()).isEqualTo(200);
  }

  @Test
  void aGrantLimitedToAWorkflowTypeReachesOnlyThatType() throws Exception {
    String limited =
        signed(claims("shop", List.of("operator@counter", "superuser")).build(), signingKey);

    Response started =
        call(
            "POST",
            "/v1/workflows/counter/instances",
            "{\"instanceId\":\"scoped-1\",\"input\":{\"initial\":1}}",
            limited);
    Response elsewhere =
        call(
            "POST",
            "/v1/workflows/fenced-counter/instances",
            "{\"instanceId\":\"scoped-1\",\"input\":{\"initial\":1}}",
            limited);
    Response acrossTypes = call("GET", "/v1/workflows", null, limited);

    assertThat(started.status()).isEqualTo(201);
    assertThat(call("GET", "/v1/workflows/counter/instances/scoped-1", null, limited).status())
        .isEqualTo(200);
    assertThat(elsewhere.status()).isEqualTo(403);
    assertThat(elsewhere.body().path("requiredRole").asText()).isEqualTo("operator");
    assertThat(elsewhere.body().path("workflowType").asText()).isEqualTo("fenced-counter");
    assertThat(acrossTypes.status()).isEqualTo(403);
    // who the caller is, any authenticated caller may ask: the history viewer starts there
    Response me = call("GET", "/v1/me", null, limited);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().path("authenticated").asBoolean()).isTrue();
    assertThat(me.body().path("roles").toString()).contains("operator@counter");
    // a replay reads: a reader of the type may run it
    assertThat(
            call(
                    "POST",
                    "/v1/workflows/counter/instances/scoped-1/replay",
                    "{\"definitionVersion\":1}",
                    limited)
                .status())
        .isEqualTo(200);
  }

  @Test
  void keysComeFromAJwkSetUrlOrAnHmacSecretAndBadSettingsAreRefusedAtStart() throws Exception {
    AtomicInteger fetches = new AtomicInteger();
    HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] body = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks.createContext(
        "/jwks.json",
        exchange -> {
          fetches.incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    jwks.start();
    try {
      String url = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json";
      JwtAuthenticator fromUrl = jwt(Map.of("onex.auth.jwt.jwks-url", url)).orElseThrow();
      String token = signed(claims("una", List.of("reader")).build(), signingKey);
      String forged = signed(claims("una", List.of("reader")).build(), otherKey);

      assertThat(principal(fromUrl, token))
          .contains(new Principal("una", java.util.Set.of("reader")));
      assertThat(principal(fromUrl, token)).isPresent();
      assertThat(principal(fromUrl, forged)).isEmpty();
      assertThat(fetches.get()).as("the key set is cached").isBetween(1, 2);
    } finally {
      jwks.stop(0);
    }

    String secret = "a-shared-secret-of-at-least-32-bytes!";
    JwtAuthenticator hmac = jwt(Map.of("onex.auth.jwt.hmac-secret", secret)).orElseThrow();
    SignedJWT shared =
        new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("hal", List.of("admin")).build());
    shared.sign(new MACSigner(secret));
    assertThat(principal(hmac, shared.serialize()).map(Principal::name)).contains("hal");
    assertThat(principal(hmac, signed(claims("hal", List.of("admin")).build(), signingKey)))
        .isEmpty();

    assertThat(jwt(Map.of())).isEmpty();
    assertThatThrownBy(() -> jwt(Map.of("onex.auth.jwt.hmac-secret", "tiny-k3y")))
        .hasMessageContaining("at least 32 bytes")
        .hasMessageNotContaining("tiny-k3y");
    assertThatThrownBy(
            () -> jwt(Map.of("onex.auth.jwt.hmac-secret", secret, "onex.auth.jwt.audience", "")))
        .hasMessageContaining("onex.auth.jwt.audience");
    assertThatThrownBy(() -> jwt(Map.of("onex.auth.jwt.jwks", "{not json")))
        .hasMessageContaining("onex.auth.jwt.jwks");
  }

  private static Optional<JwtAuthenticator> jwt(Map<String, Object> settings) {
    Map<String, Object> all = new java.util.HashMap<>();
    all.put("onex.auth.jwt.issuer", ISSUER);
    all.put("onex.auth.jwt.audience", AUDIENCE);
    all.putAll(settings);
    return JwtAuthenticator.fromConfig(
        ConfigFactory.parseMap(all).withFallback(ConfigFactory.load()), Runnable::run);
  }

  private static Optional<Principal> principal(JwtAuthenticator authenticator, String token) {
    return authenticator
        .authenticate(
            org.apache.pekko.http.javadsl.model.HttpRequest.create("/v1/workflows")
                .addHeader(RawHeader.create("Authorization", "Bearer " + token)))
        .toCompletableFuture()
        .join();
  }
}
