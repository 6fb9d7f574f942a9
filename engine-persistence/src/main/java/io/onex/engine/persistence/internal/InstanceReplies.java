package io.onex.engine.persistence.internal;

import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.error.InstanceNotFoundException;
import io.onex.engine.core.error.WorkflowError;
import io.onex.engine.core.error.WorkflowException;
import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceCommand.Get;
import io.onex.engine.persistence.InstanceCommand.Retire;
import io.onex.engine.persistence.InstanceCommand.Subscribe;
import io.onex.engine.persistence.InstanceNotice;
import io.onex.engine.persistence.InstanceReply;
import io.onex.engine.persistence.internal.InstanceState.NotStarted;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The instance's answers that journal nothing: its current view, a subscription, a retirement, and
 * the refusals. A request for an instance that was never started passivates it at once. Confined to
 * its instance's actor.
 */
final class InstanceReplies {

  private final EffectFactories<WorkflowEvent, InstanceState> effects;
  private final ActorContext<InstanceCommand> context;
  private final String workflowType;
  private final String instanceId;
  private final InstanceAnswers answers;
  private final Subscribers subscribers;
  private final Consumer<ActorRef<InstanceCommand>> passivate;

  InstanceReplies(
      EffectFactories<WorkflowEvent, InstanceState> effects,
      ActorContext<InstanceCommand> context,
      String workflowType,
      String instanceId,
      InstanceAnswers answers,
      Subscribers subscribers,
      Consumer<ActorRef<InstanceCommand>> passivate) {
    this.effects = effects;
    this.context = context;
    this.workflowType = workflowType;
    this.instanceId = instanceId;
    this.answers = answers;
    this.subscribers = subscribers;
    this.passivate = passivate;
  }

  ReplyEffect<WorkflowEvent, InstanceState> retire(InstanceState state, Retire command) {
    if (state instanceof NotStarted) {
      return notFound(command.replyTo());
    }
    try {
      OperatorCommands.requireEnded(workflowType, instanceId, state);
    } catch (WorkflowException e) {
      return fail(command.replyTo(), e);
    }
    passivate.accept(context.getSelf());
    return effects.reply(command.replyTo(), answers.current(state));
  }

  ReplyEffect<WorkflowEvent, InstanceState> get(InstanceState state, Get command) {
    if (state instanceof NotStarted) {
      return notFound(command.replyTo());
    }
    return effects.reply(command.replyTo(), answers.current(state));
  }

  /** Answers where the instance stands; see {@link Subscribers#subscribe}. */
  ReplyEffect<WorkflowEvent, InstanceState> subscribe(
      InstanceState state, Subscribe command, long lastSequence) {
    if (state instanceof NotStarted) {
      passivate.accept(context.getSelf());
      return effects.reply(
          command.subscriber(),
          new InstanceNotice.Refused(
              WorkflowError.of(new InstanceNotFoundException(workflowType, instanceId))));
    }
    return effects.reply(
        command.subscriber(),
        subscribers.subscribe(command.subscriber(), answers.current(state), lastSequence));
  }

  ReplyEffect<WorkflowEvent, InstanceState> fail(
      ActorRef<InstanceReply> replyTo, WorkflowException error) {
    return effects.reply(replyTo, new InstanceReply.Failed(WorkflowError.of(error)));
  }

  /**
   * Answers that the instance was never started, and passivates at once: a request for an unknown
   * id must not leave an entity behind that is remembered and restarted with every node start.
   */
  ReplyEffect<WorkflowEvent, InstanceState> notFound(ActorRef<InstanceReply> replyTo) {
    passivate.accept(context.getSelf());
    return fail(replyTo, new InstanceNotFoundException(workflowType, instanceId));
  }
}
