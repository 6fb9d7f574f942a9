package io.onex.engine.persistence.internal;

import io.onex.engine.core.Action;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a workflow instance actor accepts: requests, each answered with one {@link InstanceReply},
 * and the signals the engine itself sends it.
 */
public sealed interface InstanceCommand extends EngineSerializable {

  /** Start the instance; the action's payload is the start input. */
  record Start(Action action, ActorRef<InstanceReply> replyTo) implements InstanceCommand {}

  /** Apply an action to the running instance. */
  record Apply(Action action, ActorRef<InstanceReply> replyTo) implements InstanceCommand {}

  /** Report the instance as it is now. */
  record Get(ActorRef<InstanceReply> replyTo) implements InstanceCommand {}

  /** The executor's news of a pending intent: attempts made, when the next one is due, why. */
  record IntentProgress(String intentId, int attempts, Instant nextAttemptAt, String lastError)
      implements InstanceCommand {}

  /** A durable timer of the instance is due. */
  record FireTimer(String intentId) implements InstanceCommand {}

  /** Nothing reached the instance for a while; it may passivate if it awaits nothing. */
  enum Idle implements InstanceCommand {
    INSTANCE
  }
}
