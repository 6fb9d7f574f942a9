package io.onex.engine.persistence;

import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.error.WorkflowError;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a workflow instance tells its subscribers ({@link InstanceCommand.Subscribe}): first where
 * it stands, then the sequence number of each event as soon as it is journaled, then its end. An
 * instance forgets its subscribers when it stops (a crash, a move to another node), so a subscriber
 * watches {@link Subscribed#runBy()} and subscribes again when it stops; {@link
 * Subscribed#journaledUpTo()} then tells it what it may have missed.
 */
public sealed interface InstanceNotice extends EngineSerializable {

  /**
   * The answer to a subscription.
   *
   * @param instance the instance now (with status {@code DIVERGED} if its history no longer
   *     replays; it stays subscribed, since a migration can revive it)
   * @param journaledUpTo the sequence number of the instance's latest journaled event
   * @param runBy the actor that runs the instance now
   */
  record Subscribed(InstanceView instance, long journaledUpTo, ActorRef<InstanceCommand> runBy)
      implements InstanceNotice {}

  /** The subscription is refused: the instance was never started, or cannot be shown at all. */
  record Refused(WorkflowError error) implements InstanceNotice {}

  /** The instance's event {@code sequence} is journaled. */
  record Journaled(long sequence) implements InstanceNotice {}

  /**
   * The instance ended with its latest {@link Journaled} event; the subscription is over. A
   * subscriber of an instance that has already ended receives {@link Subscribed} with the final
   * status and nothing more.
   */
  record Ended(InstanceView instance) implements InstanceNotice {}
}
