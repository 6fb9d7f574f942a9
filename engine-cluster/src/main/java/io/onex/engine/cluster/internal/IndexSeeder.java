package io.onex.engine.cluster.internal;

import io.onex.engine.persistence.InstanceIndex;
import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A cluster singleton that seeds the instance index once from a journal written before the index
 * existed ({@link InstanceIndex#seedIfNeeded}), trying again every {@link #RETRY} while the journal
 * database cannot be read; idle afterwards.
 */
final class IndexSeeder {

  private static final Duration RETRY = Duration.ofSeconds(30);

  private enum Message {
    SEED,
    SEEDED
  }

  private IndexSeeder() {}

  static Behavior<Message> create(InstanceIndex index) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  context.getSelf().tell(Message.SEED);
                  return Behaviors.receiveMessage(
                      message -> {
                        if (message == Message.SEED) {
                          context.pipeToSelf(
                              index.seedIfNeeded(),
                              (count, error) -> {
                                if (error != null) {
                                  context
                                      .getLog()
                                      .warn(
                                          "Could not seed the instance index from the journal;"
                                              + " trying again in {} s: {}",
                                          RETRY.toSeconds(),
                                          error.toString());
                                  timers.startSingleTimer(Message.SEED, RETRY);
                                } else if (count > 0) {
                                  context
                                      .getLog()
                                      .info(
                                          "Indexed {} instances journaled before the index"
                                              + " existed",
                                          count);
                                }
                                return Message.SEEDED;
                              });
                        }
                        return Behaviors.same();
                      });
                }));
  }
}
