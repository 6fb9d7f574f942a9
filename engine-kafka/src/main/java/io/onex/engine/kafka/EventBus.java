package io.onex.engine.kafka;

import io.onex.engine.cluster.EngineHealth;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The node's event bus (seed 004's event bus beside the handlers): the publication of every
 * journaled workflow event to Kafka, and the subscriptions that turn Kafka messages into actions of
 * instances. When no brokers are configured ({@code onex.kafka.bootstrap-servers} empty) the bus is
 * off: it publishes nothing and has no subscriptions. Thread-safe.
 */
public interface EventBus extends AutoCloseable {

  /** Whether the bus is on (brokers are configured). */
  boolean enabled();

  /** How many journaled events are not yet published (0 when publication is off). */
  CompletionStage<Long> publicationLag();

  /**
   * The bus's health: the brokers answer and the publication lag is at most {@code
   * onex.kafka.publication.lag-degraded-above}, with the lag and each subscription's state in the
   * detail; {@code DEGRADED} (never {@code DOWN}, never critical) otherwise: the engine runs its
   * instances without the bus, which publishes what it missed once the brokers are back.
   */
  CompletionStage<EngineHealth.Check> health();

  /** Every configured subscription with its state, in configuration order. */
  List<SubscriptionStatus> subscriptions();

  /**
   * The subscription {@code name}; throws {@link
   * io.onex.engine.core.error.SubscriptionNotFoundException} when none is configured so.
   */
  SubscriptionStatus subscription(String name);

  /**
   * Starts consuming for subscription {@code name} from its group's committed offsets; completes
   * with its state once started (at once when it was running).
   */
  CompletionStage<SubscriptionStatus> start(String name);

  /**
   * Stops subscription {@code name}: messages in flight are applied and their offsets committed
   * before it completes with the stopped state.
   */
  CompletionStage<SubscriptionStatus> stop(String name);

  /** Stops every subscription and the publication, and closes the producers. */
  @Override
  void close();
}
