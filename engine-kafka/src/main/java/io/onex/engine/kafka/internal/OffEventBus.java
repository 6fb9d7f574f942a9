package io.onex.engine.kafka.internal;

import io.onex.engine.cluster.EngineHealth;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.error.SubscriptionNotFoundException;
import io.onex.engine.kafka.EventBus;
import io.onex.engine.kafka.SubscriptionStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The event bus of a node without brokers: it publishes nothing and has no subscriptions. */
@InternalApi
public final class OffEventBus implements EventBus {

  @Override
  public boolean enabled() {
    return false;
  }

  @Override
  public CompletionStage<Long> publicationLag() {
    return CompletableFuture.completedFuture(0L);
  }

  @Override
  public CompletionStage<EngineHealth.Check> health() {
    return CompletableFuture.completedFuture(
        new EngineHealth.Check(true, "off (onex.kafka.bootstrap-servers is not set)", false));
  }

  @Override
  public List<SubscriptionStatus> subscriptions() {
    return List.of();
  }

  @Override
  public SubscriptionStatus subscription(String name) {
    throw new SubscriptionNotFoundException(name);
  }

  @Override
  public CompletionStage<SubscriptionStatus> start(String name) {
    return CompletableFuture.failedFuture(new SubscriptionNotFoundException(name));
  }

  @Override
  public CompletionStage<SubscriptionStatus> stop(String name) {
    return CompletableFuture.failedFuture(new SubscriptionNotFoundException(name));
  }

  @Override
  public void close() {}
}
