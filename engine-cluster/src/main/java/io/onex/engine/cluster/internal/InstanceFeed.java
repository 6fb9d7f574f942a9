package io.onex.engine.cluster.internal;

import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceNotice;
import java.time.Duration;
import org.apache.pekko.actor.Status;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Subscribes to one instance ({@link InstanceCommand.Subscribe}) on behalf of a stream and hands
 * every notice to the stream's source actor. Follows the instance: it watches the actor that runs
 * it and subscribes again when that actor stops (a passivation, a crash, a move to another node),
 * and subscribes again every {@code renewal} in case a stop went unnoticed. A refusal fails the
 * stream. The feed stops when told to ({@link Stop}), once the stream has ended.
 */
final class InstanceFeed {

  sealed interface Message {}

  private record Notice(InstanceNotice notice) implements Message {}

  private record RunnerStopped(ActorRef<InstanceCommand> runner) implements Message {}

  enum Stop implements Message {
    INSTANCE
  }

  private enum Renew implements Message {
    INSTANCE
  }

  private final ActorContext<Message> context;
  private final EntityRef<InstanceCommand> instance;
  private final org.apache.pekko.actor.ActorRef stream;
  private final ActorRef<InstanceNotice> subscriber;
  private ActorRef<InstanceCommand> runner;

  private InstanceFeed(
      ActorContext<Message> context,
      EntityRef<InstanceCommand> instance,
      org.apache.pekko.actor.ActorRef stream) {
    this.context = context;
    this.instance = instance;
    this.stream = stream;
    this.subscriber = context.messageAdapter(InstanceNotice.class, Notice::new);
  }

  /** A feed of {@code instance}'s notices into {@code stream}, a {@code Source.actorRef}. */
  static Behavior<Message> create(
      EntityRef<InstanceCommand> instance,
      org.apache.pekko.actor.ActorRef stream,
      Duration renewal) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Renew.INSTANCE, renewal);
                  InstanceFeed feed = new InstanceFeed(context, instance, stream);
                  feed.subscribe();
                  return feed.behavior();
                }));
  }

  private Behavior<Message> behavior() {
    return Behaviors.receive(Message.class)
        .onMessage(Notice.class, notice -> onNotice(notice.notice()))
        .onMessage(
            RunnerStopped.class,
            stopped -> {
              if (stopped.runner().equals(runner)) {
                runner = null;
                subscribe();
              }
              return Behaviors.same();
            })
        .onMessageEquals(
            Renew.INSTANCE,
            () -> {
              subscribe();
              return Behaviors.same();
            })
        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
        .build();
  }

  private Behavior<Message> onNotice(InstanceNotice notice) {
    if (notice instanceof InstanceNotice.Refused refused) {
      stream.tell(new Status.Failure(refused.error().toException()), null);
      return Behaviors.same();
    }
    if (notice instanceof InstanceNotice.Subscribed subscribed
        && !subscribed.runBy().equals(runner)) {
      if (runner != null) {
        context.unwatch(runner);
      }
      runner = subscribed.runBy();
      context.watchWith(runner, new RunnerStopped(runner));
    }
    stream.tell(notice, null);
    return Behaviors.same();
  }

  private void subscribe() {
    instance.tell(new InstanceCommand.Subscribe(subscriber));
  }
}
