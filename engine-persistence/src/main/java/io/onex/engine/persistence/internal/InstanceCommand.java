package io.onex.engine.persistence.internal;

import io.onex.engine.core.Action;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a workflow instance actor accepts. Every command is answered with one {@link InstanceReply}.
 */
public sealed interface InstanceCommand extends EngineSerializable {

  ActorRef<InstanceReply> replyTo();

  /** Start the instance; the action's payload is the start input. */
  record Start(Action action, ActorRef<InstanceReply> replyTo) implements InstanceCommand {}

  /** Apply an action to the running instance. */
  record Apply(Action action, ActorRef<InstanceReply> replyTo) implements InstanceCommand {}

  /** Report the instance as it is now. */
  record Get(ActorRef<InstanceReply> replyTo) implements InstanceCommand {}
}
