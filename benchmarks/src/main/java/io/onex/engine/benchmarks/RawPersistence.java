package io.onex.engine.benchmarks;

import com.typesafe.config.Config;
import io.onex.engine.cluster.ClusterSettings;
import io.onex.engine.persistence.EngineSerializable;
import io.onex.engine.persistence.JournalSchema;
import io.onex.engine.persistence.JournalSettings;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;

/**
 * The baselines: bare Pekko {@code EventSourcedBehavior}s behind the same Cluster Sharding, on the
 * same journal settings and serializer as the engine: one persisting one event of the engine's
 * event size per command, and {@link RawOrder}, the sample order's steps written by hand.
 */
final class RawPersistence implements AutoCloseable {

  /** Persist one event carrying {@code payload}, then answer. */
  record Persist(String payload, ActorRef<Done> replyTo) implements EngineSerializable {}

  /** The event. */
  record Persisted(String payload) implements EngineSerializable {}

  private static final EntityTypeKey<Persist> KEY = EntityTypeKey.create(Persist.class, "raw");
  private static final EntityTypeKey<RawOrder.Command> ORDER =
      EntityTypeKey.create(RawOrder.Command.class, "raw-order");

  private final ActorSystem<Void> system;
  private final ClusterSharding sharding;

  RawPersistence(Config config) {
    JournalSettings journal = JournalSettings.fromConfig(config);
    JournalSchema.ensure(journal);
    this.system =
        ActorSystem.create(
            Behaviors.empty(),
            "raw",
            journal
                .toPekkoConfig()
                .withFallback(ClusterSettings.fromConfig(config).toPekkoConfig())
                .withFallback(config));
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    this.sharding = ClusterSharding.get(system);
    sharding.init(Entity.of(KEY, context -> entity(context.getEntityId())));
    sharding.init(Entity.of(ORDER, context -> RawOrder.create(context.getEntityId())));
  }

  /**
   * One order of {@link RawOrder} from start to shipment: start, one item, place; completes when
   * the order shipped.
   */
  CompletionStage<Done> order(String orderId, Duration timeout) {
    var order = sharding.entityRefFor(ORDER, orderId);
    return order
        .<Done>ask(replyTo -> new RawOrder.Start("c", replyTo), timeout)
        .thenComposeAsync(
            started ->
                order.<Done>ask(replyTo -> new RawOrder.AddItem("sku-1", 1, 9.5, replyTo), timeout),
            system.executionContext())
        .thenComposeAsync(
            added -> order.<Done>ask(RawOrder.PlaceOrder::new, timeout), system.executionContext());
  }

  /** The actor system the baselines run in. */
  ActorSystem<Void> system() {
    return system;
  }

  CompletionStage<Done> persist(String entityId, String payload, Duration timeout) {
    return sharding
        .entityRefFor(KEY, entityId)
        .ask(replyTo -> new Persist(payload, replyTo), timeout);
  }

  private static Behavior<Persist> entity(String id) {
    return new EventSourcedBehaviorWithEnforcedReplies<Persist, Persisted, Long>(
        PersistenceId.of("raw", id)) {
      @Override
      public Long emptyState() {
        return 0L;
      }

      @Override
      public CommandHandlerWithReply<Persist, Persisted, Long> commandHandler() {
        return newCommandHandlerWithReplyBuilder()
            .forAnyState()
            .onCommand(
                Persist.class,
                (count, command) ->
                    Effect()
                        .persist(new Persisted(command.payload()))
                        .thenReply(command.replyTo(), after -> Done.getInstance()))
            .build();
      }

      @Override
      public EventHandler<Long, Persisted> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent((count, event) -> count + 1);
      }
    };
  }

  @Override
  public void close() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
