package io.onex.engine.gateway.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.gateway.Authenticator;
import io.onex.engine.gateway.Principal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Asks each of its authenticators in turn; the first that knows the caller decides. Its challenge
 * names every scheme.
 */
@InternalApi
public final class FirstOfAuthenticator implements Authenticator {

  private final List<Authenticator> authenticators;

  public FirstOfAuthenticator(List<Authenticator> authenticators) {
    this.authenticators = List.copyOf(authenticators);
  }

  @Override
  public CompletionStage<Optional<Principal>> authenticate(HttpRequest request) {
    return from(0, request);
  }

  private CompletionStage<Optional<Principal>> from(int index, HttpRequest request) {
    if (index == authenticators.size()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return authenticators
        .get(index)
        .authenticate(request)
        .thenCompose(
            found ->
                found.isPresent()
                    ? CompletableFuture.completedFuture(found)
                    : from(index + 1, request));
  }

  @Override
  public String challenge() {
    return authenticators.stream().map(Authenticator::challenge).collect(Collectors.joining(", "));
  }
}
