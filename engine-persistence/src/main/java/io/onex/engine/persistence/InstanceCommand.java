package io.onex.engine.persistence;

import io.onex.engine.core.Action;
import io.onex.engine.core.effect.IntentProgress;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The message protocol of a workflow instance actor ({@link WorkflowInstances#behavior}): requests,
 * each answered with exactly one {@link InstanceReply}, the executor's progress reports, and the
 * signals the instance sends itself. Every message is serializable as JSON, so it can reach an
 * instance on another node.
 */
public sealed interface InstanceCommand extends EngineSerializable {

  /** Start the instance; the action's payload is the start input. */
  record Start(Action action, ActorRef<InstanceReply> replyTo) implements InstanceCommand {}

  /** Apply an action (a request, an intent's outcome, a fired timer) to the running instance. */
  record Apply(Action action, ActorRef<InstanceReply> replyTo) implements InstanceCommand {}

  /** Report the instance as it is now. */
  record Get(ActorRef<InstanceReply> replyTo) implements InstanceCommand {}

  /**
   * Stops an ended instance so that its journal rows can be removed: answered with the instance
   * when it has ended (and it passivates), refused with {@code InstanceNotEndedException}
   * otherwise.
   */
  record Retire(ActorRef<InstanceReply> replyTo) implements InstanceCommand {}

  /**
   * Resolves pending intent {@code intentId} with the outcome an operator gives in place of its
   * handler: succeeded with {@code result}, or failed with {@code error}; {@code reason} is
   * recorded in the outcome's metadata. The reply is as for {@link Apply}.
   */
  record SkipIntent(
      String intentId,
      boolean succeeded,
      com.fasterxml.jackson.databind.JsonNode result,
      String error,
      String reason,
      String principal,
      ActorRef<InstanceReply> replyTo)
      implements InstanceCommand {}

  /**
   * Tell {@code subscriber} where the instance stands now ({@link InstanceNotice.Subscribed}, or
   * {@link InstanceNotice.Refused} if it was never started), then each event's sequence number as
   * it is journaled, until the instance ends or the subscriber stops. Subscribing again with the
   * same {@code subscriber} only repeats the first answer.
   */
  record Subscribe(ActorRef<InstanceNotice> subscriber) implements InstanceCommand {}

  /** Stop telling {@code subscriber}; also sent by the instance itself when a subscriber stops. */
  record Unsubscribe(ActorRef<InstanceNotice> subscriber) implements InstanceCommand {}

  /** The executor's news of a pending intent; not answered. */
  record ReportProgress(IntentProgress progress) implements InstanceCommand {}

  /** A durable timer of the instance is due; sent by the instance to itself. */
  record FireTimer(String intentId) implements InstanceCommand {}

  /**
   * Time to hand pending intents to the dispatcher again, in case whoever ran them lost them; sent
   * by the instance to itself every {@code onex.instance.redispatch-after} while it awaits
   * outcomes.
   */
  enum Redispatch implements InstanceCommand {
    INSTANCE
  }

  /**
   * Start if not running: sent to instances that await work after a crash or the loss of a node,
   * whose recovery then hands their pending intents over and arms their timers. Not answered.
   */
  enum Wake implements InstanceCommand {
    INSTANCE
  }

  /** Nothing reached the instance for a while; sent by the instance to itself. */
  enum Idle implements InstanceCommand {
    INSTANCE
  }
}
