package io.onex.engine.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.typesafe.config.Config;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates requests by bearer JWT (header {@code Authorization: Bearer <token>}), as {@code
 * onex.auth.jwt} configures: the signature is checked against a JWK set (a URL, cached and
 * refreshed; a file; or inline JSON) or an HMAC secret, and the issuer, the audience and the expiry
 * ({@code exp}, required) are checked with a bounded clock skew. The principal is the token's name
 * claim ({@code sub} by default); its grants are the entries of the roles claim ({@code roles}: a
 * list, or a space-separated string) that read as grants ({@link Roles}); others are ignored.
 *
 * <p>A token that fails any check authenticates no one; why is logged at DEBUG, the token never.
 * Checking runs on the executor given (fetching a remote JWK set may block). Thread-safe.
 */
public final class JwtAuthenticator implements Authenticator {

  private static final Logger log = LoggerFactory.getLogger(JwtAuthenticator.class);

  private static final String BEARER = "bearer ";

  private final ConfigurableJWTProcessor<SecurityContext> processor;
  private final String nameClaim;
  private final String rolesClaim;
  private final Executor executor;

  private JwtAuthenticator(
      ConfigurableJWTProcessor<SecurityContext> processor,
      String nameClaim,
      String rolesClaim,
      Executor executor) {
    this.processor = processor;
    this.nameClaim = nameClaim;
    this.rolesClaim = rolesClaim;
    this.executor = executor;
  }

  /**
   * The authenticator of {@code onex.auth.jwt}, or empty when it names no key ({@code jwks-url},
   * {@code jwks-file}, {@code jwks} and {@code hmac-secret} all empty). Throws {@link
   * IllegalArgumentException} naming the setting when one is missing or unusable.
   */
  public static Optional<JwtAuthenticator> fromConfig(Config config, Executor executor) {
    Config jwt = config.getConfig("onex.auth.jwt");
    Optional<KeySource> keys = KeySource.of(jwt);
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    String issuer = required(jwt, "issuer");
    String audience = required(jwt, "audience");
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(keys.get().algorithms(), keys.get().source()));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            audience,
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            Set.of("exp", jwt.getString("name-claim")));
    claims.setMaxClockSkew((int) jwt.getDuration("clock-skew").toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
    return Optional.of(
        new JwtAuthenticator(
            processor, jwt.getString("name-claim"), jwt.getString("roles-claim"), executor));
  }

  @Override
  public CompletionStage<Optional<Principal>> authenticate(HttpRequest request) {
    Optional<String> token =
        request
            .getHeader("Authorization")
            .map(header -> header.value().trim())
            .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
            .map(value -> value.substring(BEARER.length()).trim())
            .filter(value -> !value.isEmpty());
    if (token.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return CompletableFuture.supplyAsync(() -> verify(token.get()), executor);
  }

  private Optional<Principal> verify(String token) {
    try {
      JWTClaimsSet claims = processor.process(token, null);
      String name = claims.getStringClaim(nameClaim);
      return Optional.of(new Principal(name, grants(claims.getClaim(rolesClaim))));
    } catch (Exception e) {
      log.debug("Refused a bearer token: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private static Set<String> grants(Object claim) {
    List<?> entries =
        claim instanceof List<?> list
            ? list
            : claim instanceof String text ? List.of(text.trim().split("\\s+")) : List.of();
    Set<String> grants = new LinkedHashSet<>();
    for (Object entry : entries) {
      if (entry instanceof String grant && Roles.isGrant(grant)) {
        grants.add(grant);
      }
    }
    return grants;
  }

  @Override
  public String challenge() {
    return "Bearer realm=\"onex\"";
  }

  private static String required(Config jwt, String key) {
    String value = jwt.getString(key).trim();
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          "Expected onex.auth.jwt."
              + key
              + " to be set when bearer JWTs are accepted, but it is"
              + " empty");
    }
    return value;
  }

  /** Where the verification keys come from, and which algorithms they may verify. */
  private record KeySource(JWKSource<SecurityContext> source, Set<JWSAlgorithm> algorithms) {

    private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS =
        Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    private static final Set<JWSAlgorithm> HMAC_ALGORITHMS =
        Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    static Optional<KeySource> of(Config jwt) {
      String url = jwt.getString("jwks-url").trim();
      String file = jwt.getString("jwks-file").trim();
      String inline = jwt.getString("jwks").trim();
      String secret = jwt.getString("hmac-secret");
      int named =
          (url.isEmpty() ? 0 : 1)
              + (file.isEmpty() ? 0 : 1)
              + (inline.isEmpty() ? 0 : 1)
              + (secret.isEmpty() ? 0 : 1);
      if (named > 1) {
        throw new IllegalArgumentException(
            "Expected one of onex.auth.jwt.jwks-url, jwks-file, jwks and hmac-secret, but "
                + named
                + " are set");
      }
      if (!url.isEmpty()) {
        return Optional.of(
            new KeySource(
                JWKSourceBuilder.<SecurityContext>create(url(url)).build(), PUBLIC_KEY_ALGORITHMS));
      }
      if (!file.isEmpty()) {
        return Optional.of(publicKeys(read(file), "jwks-file"));
      }
      if (!inline.isEmpty()) {
        return Optional.of(publicKeys(inline, "jwks"));
      }
      if (!secret.isEmpty()) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
          throw new IllegalArgumentException(
              "Expected onex.auth.jwt.hmac-secret to be at least 32 bytes, but it is shorter");
        }
        return Optional.of(new KeySource(new ImmutableSecret<>(bytes), HMAC_ALGORITHMS));
      }
      return Optional.empty();
    }

    private static KeySource publicKeys(String json, String key) {
      try {
        return new KeySource(new ImmutableJWKSet<>(JWKSet.parse(json)), PUBLIC_KEY_ALGORITHMS);
      } catch (ParseException e) {
        throw new IllegalArgumentException(
            "Expected onex.auth.jwt." + key + " to hold a JWK set, but: " + e.getMessage(), e);
      }
    }

    private static String read(String file) {
      try {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "Expected onex.auth.jwt.jwks-file '" + file + "' to be readable, but: " + e, e);
      }
    }

    private static URL url(String url) {
      try {
        return new URI(url).toURL();
      } catch (URISyntaxException | IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Expected onex.auth.jwt.jwks-url to be a URL, but got '" + url + "'", e);
      }
    }
  }
}
