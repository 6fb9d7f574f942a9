package io.onex.engine.gateway;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Establishes who makes a request to the gateway. A request it finds no principal for is refused
 * with 401 and an {@code application/problem+json} body, before it reaches the engine; a principal
 * without the role the route needs ({@link Roles}) gets 403. Only {@code /health/live} and {@code
 * /health/ready} are not authenticated. {@link #ALLOW_ALL} turns both checks off.
 *
 * <p>Implementations must be thread-safe, must not block (complete the stage later instead) and
 * must never log or keep the credentials they check.
 */
@FunctionalInterface
public interface Authenticator {

  /** Lets every request through as {@link Principal#ANONYMOUS}. */
  Authenticator ALLOW_ALL =
      request -> CompletableFuture.completedFuture(Optional.of(Principal.ANONYMOUS));

  /** The principal making {@code request}, or empty when its credentials are missing or wrong. */
  CompletionStage<Optional<Principal>> authenticate(HttpRequest request);

  /**
   * The {@code WWW-Authenticate} challenge sent with a refusal, naming the scheme a client should
   * use.
   */
  default String challenge() {
    return "Bearer realm=\"onex\"";
  }
}
