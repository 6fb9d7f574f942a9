package io.onex.engine.cluster.internal;

import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.persistence.AwaitingInstances;
import io.onex.engine.persistence.AwaitingInstances.Address;
import io.onex.engine.persistence.InstanceCommand;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent.MemberRemoved;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the instances that await an intent's outcome or a timer (the {@link AwaitingInstances}
 * index) when they may have stopped without finishing: when this cluster singleton starts (after a
 * crash or a full restart, or on another node when its node left) and whenever a member leaves the
 * cluster. Waking is a message through sharding: the instance starts where sharding places it,
 * hands its pending intents over and arms its timers; one already running ignores it. At most
 * {@code onex.engine.wake-rate} instances are woken per second. A wake-up that was asked for while
 * one runs follows it; one that fails is tried again after a backoff.
 *
 * <p>The first time it runs on a journal written before the index existed, it wakes every instance
 * of the journal once, and each instance with work pending records itself in the index.
 */
final class AwaitingWaker {

  private static final Logger log = LoggerFactory.getLogger(AwaitingWaker.class);
  static final String SEEDED = "awaiting-instances-indexed";

  sealed interface Message {}

  private enum WakeAll implements Message {
    INSTANCE
  }

  private record Woken(long instances, Throwable error) implements Message {}

  private record MemberLeft(MemberRemoved removed) implements Message {}

  private final ActorContext<Message> context;
  private final AwaitingInstances awaiting;
  private final InstanceShards shards;
  private final int ratePerSecond;

  private AwaitingWaker(
      ActorContext<Message> context,
      AwaitingInstances awaiting,
      InstanceShards shards,
      int ratePerSecond) {
    this.context = context;
    this.awaiting = awaiting;
    this.shards = shards;
    this.ratePerSecond = ratePerSecond;
  }

  static Behavior<Message> create(
      AwaitingInstances awaiting, InstanceShards shards, int ratePerSecond) {
    return Behaviors.setup(
        context -> {
          ActorRef<MemberRemoved> removals =
              context.messageAdapter(MemberRemoved.class, MemberLeft::new);
          Cluster.get(context.getSystem())
              .subscriptions()
              .tell(Subscribe.create(removals, MemberRemoved.class));
          context.getSelf().tell(WakeAll.INSTANCE);
          return new AwaitingWaker(context, awaiting, shards, ratePerSecond).idle();
        });
  }

  /** Tells instance {@code address} to start, if its type is hosted here. */
  static void wake(InstanceShards shards, Address address) {
    if (shards.hosts(address.workflowType())) {
      shards
          .entityRef(address.workflowType(), address.instanceId())
          .tell(InstanceCommand.Wake.INSTANCE);
    }
  }

  private Behavior<Message> idle() {
    return Behaviors.receive(Message.class)
        .onMessageEquals(WakeAll.INSTANCE, this::startWaking)
        .onMessage(MemberLeft.class, left -> startWaking())
        .onMessage(Woken.class, woken -> Behaviors.same())
        .build();
  }

  private Behavior<Message> waking(boolean again) {
    return Behaviors.receive(Message.class)
        .onMessageEquals(WakeAll.INSTANCE, () -> waking(true))
        .onMessage(MemberLeft.class, left -> waking(true))
        .onMessage(Woken.class, woken -> finished(woken, again))
        .build();
  }

  private Behavior<Message> startWaking() {
    context.pipeToSelf(wakeAll(), (woken, error) -> new Woken(woken == null ? 0 : woken, error));
    return waking(false);
  }

  private Behavior<Message> finished(Woken woken, boolean again) {
    if (woken.error() != null) {
      log.warn(
          "Could not wake the instances that await work; trying again in 5 s: {}",
          woken.error().toString());
      context.scheduleOnce(Duration.ofSeconds(5), context.getSelf(), WakeAll.INSTANCE);
      return idle();
    }
    if (woken.instances() > 0) {
      log.info("Woke {} instances that await an intent's outcome or a timer", woken.instances());
    }
    if (again) {
      return startWaking();
    }
    return idle();
  }

  private CompletionStage<Long> wakeAll() {
    ActorSystem<?> system = context.getSystem();
    return awaiting
        .isDone(SEEDED)
        .thenCompose(seeded -> seeded ? CompletableFuture.completedFuture(0L) : everyInstance())
        .thenCompose(
            seededOrNot ->
                awaiting
                    .all()
                    .throttle(ratePerSecond, Duration.ofSeconds(1))
                    .runWith(
                        Sink.fold(
                            seededOrNot,
                            (count, address) -> {
                              wake(shards, address);
                              return count + 1;
                            }),
                        system));
  }

  /**
   * Wakes every instance of the journal once, then records that it did: instances with work pending
   * then record themselves in the index, which journals written before it lack.
   */
  private CompletionStage<Long> everyInstance() {
    ActorSystem<?> system = context.getSystem();
    Source<String, ?> ids =
        PersistenceQuery.get(system.classicSystem())
            .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier())
            .currentPersistenceIds();
    return ids.mapConcat(id -> addressOf(id).stream().toList())
        .throttle(ratePerSecond, Duration.ofSeconds(1))
        .runWith(
            Sink.fold(
                0L,
                (count, address) -> {
                  wake(shards, address);
                  return count + 1;
                }),
            system)
        .thenCompose(count -> awaiting.markDone(SEEDED).thenApply(done -> count));
  }

  /** The instance a persistence id {@code <type>|<id>} stands for; empty for other ids. */
  static Optional<Address> addressOf(String persistenceId) {
    int bar = persistenceId.indexOf('|');
    if (bar < 1) {
      return Optional.empty();
    }
    String type = persistenceId.substring(0, bar);
    String id = persistenceId.substring(bar + 1);
    boolean valid =
        WorkflowDefinition.IDENTIFIER.matcher(type).matches()
            && WorkflowDefinition.IDENTIFIER.matcher(id).matches();
    return valid ? Optional.of(new Address(type, id)) : Optional.empty();
  }
}
