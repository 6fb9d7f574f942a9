package io.onex.engine.cluster.internal;

import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceReply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Waits for one instance to end: registers with the instance ({@code WatchEnd}) and completes its
 * future with the instance's answer, which the instance sends when the event that ends it is
 * journaled. Registers again every {@code renewal}, so that it follows the instance when the
 * instance restarts on another node and forgets its watchers; the instance answers a watcher once,
 * however often it registered. Stops once answered, or when {@code deadline} passes.
 */
final class EndWatcher {

  sealed interface Message {}

  private record Answered(InstanceReply reply) implements Message {}

  private enum Renew implements Message {
    INSTANCE
  }

  private enum Deadline implements Message {
    INSTANCE
  }

  private EndWatcher() {}

  static Behavior<Message> create(
      EntityRef<InstanceCommand> instance,
      Duration renewal,
      Duration deadline,
      CompletableFuture<InstanceReply> answer,
      Runnable onDeadline) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  ActorRef<InstanceReply> replies =
                      context.messageAdapter(InstanceReply.class, Answered::new);
                  instance.tell(new InstanceCommand.WatchEnd(replies));
                  timers.startTimerWithFixedDelay(Renew.INSTANCE, renewal);
                  if (deadline != null) {
                    timers.startSingleTimer(Deadline.INSTANCE, deadline);
                  }
                  return Behaviors.receive(Message.class)
                      .onMessage(
                          Answered.class,
                          answered -> {
                            answer.complete(answered.reply());
                            return Behaviors.stopped();
                          })
                      .onMessageEquals(
                          Renew.INSTANCE,
                          () -> {
                            instance.tell(new InstanceCommand.WatchEnd(replies));
                            return Behaviors.same();
                          })
                      .onMessageEquals(
                          Deadline.INSTANCE,
                          () -> {
                            onDeadline.run();
                            return Behaviors.stopped();
                          })
                      .build();
                }));
  }
}
