package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.core.concurrent.Stages;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * Recovers an empty persistent actor once when a node starts, so that the journal and snapshot
 * plugins, their connection pool and their queries are ready before the first instance recovers:
 * without it, the first request to a new node pays a few hundred milliseconds of that start.
 */
@InternalApi
public final class JournalWarmUp extends EventSourcedBehavior<JournalWarmUp.Ping, Object, Integer> {

  /** Answered once the actor has recovered. */
  public record Ping(ActorRef<Done> replyTo) {}

  private JournalWarmUp(String node) {
    super(PersistenceId.of("onex-warm-up", node));
  }

  /** Recovers a warm-up actor of {@code system} and completes when it has. */
  public static CompletionStage<Done> run(ActorSystem<?> system, Duration timeout) {
    String node = Long.toString(System.nanoTime());
    ActorRef<Ping> actor =
        system.systemActorOf(create(node), "onex-journal-warm-up-" + node, Props.empty());
    return Stages.direct(AskPattern.<Ping, Done>ask(actor, Ping::new, timeout, system.scheduler()));
  }

  private static Behavior<Ping> create(String node) {
    return new JournalWarmUp(node);
  }

  @Override
  public Integer emptyState() {
    return 0;
  }

  @Override
  public CommandHandler<Ping, Object, Integer> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(
            Ping.class,
            (state, ping) -> Effect().stop().thenReply(ping.replyTo(), s -> Done.getInstance()))
        .build();
  }

  @Override
  public EventHandler<Integer, Object> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> state);
  }
}
