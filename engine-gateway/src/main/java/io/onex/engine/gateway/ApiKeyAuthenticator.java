package io.onex.engine.gateway;

import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Authenticates requests by API key (header {@code X-API-Key}) against the keys of {@code
 * onex.auth.api-keys} and {@code ONEX_API_KEYS} ({@code key:role[:name]}, where role may be several
 * grants joined by {@code +}, each a role or a role limited to a workflow type, {@code
 * reader+operator@order}). Keys are kept only as SHA-256 digests and compared in constant time; a
 * key is never logged or shown. Thread-safe.
 */
public final class ApiKeyAuthenticator implements Authenticator {

  /** The header carrying the key. */
  public static final String HEADER = "X-API-Key";

  private final Map<String, Principal> byDigest;

  private ApiKeyAuthenticator(Map<String, Principal> byDigest) {
    this.byDigest = Map.copyOf(byDigest);
  }

  /**
   * The authenticator of {@code entries}, each {@code key:role[:name]}; throws {@link
   * IllegalArgumentException} naming the entry's position (never the key) when one is malformed.
   */
  public static ApiKeyAuthenticator of(List<String> entries) {
    Map<String, Principal> keys = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i).trim();
      if (entry.isEmpty()) {
        continue;
      }
      String[] parts = entry.split(":", 3);
      Set<String> grants =
          parts.length < 2 ? Set.of() : new LinkedHashSet<>(List.of(parts[1].split("\\+")));
      if (parts[0].isEmpty() || grants.isEmpty() || !grants.stream().allMatch(Roles::isGrant)) {
        throw new IllegalArgumentException(
            "Expected API key entry "
                + (i + 1)
                + " to read key:role[:name] with role one of "
                + Roles.ALL
                + " (optionally limited to a workflow type as role@type, several joined by +),"
                + " but it does not");
      }
      String digest = digest(parts[0]);
      String name =
          parts.length == 3 && !parts[2].isEmpty() ? parts[2] : "apikey-" + digest.substring(0, 8);
      keys.put(digest, new Principal(name, grants));
    }
    return new ApiKeyAuthenticator(keys);
  }

  /** The authenticator of {@code onex.auth}: {@code api-keys} and {@code api-keys-env}. */
  public static ApiKeyAuthenticator fromConfig(Config config) {
    Config auth = config.getConfig("onex.auth");
    List<String> entries = new ArrayList<>(auth.getStringList("api-keys"));
    for (String entry : auth.getString("api-keys-env").split(",")) {
      entries.add(entry);
    }
    return of(entries);
  }

  /** How many keys it knows. */
  public int size() {
    return byDigest.size();
  }

  @Override
  public CompletionStage<Optional<Principal>> authenticate(HttpRequest request) {
    Optional<Principal> principal =
        request
            .getHeader(HEADER)
            .map(header -> header.value().trim())
            .filter(key -> !key.isEmpty())
            .flatMap(this::lookUp);
    return CompletableFuture.completedFuture(principal);
  }

  private Optional<Principal> lookUp(String key) {
    byte[] presented = digest(key).getBytes(StandardCharsets.US_ASCII);
    Principal found = null;
    for (Map.Entry<String, Principal> known : byDigest.entrySet()) {
      if (MessageDigest.isEqual(presented, known.getKey().getBytes(StandardCharsets.US_ASCII))) {
        found = known.getValue();
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public String challenge() {
    return "ApiKey realm=\"onex\", header=\"" + HEADER + "\"";
  }

  private static String digest(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
