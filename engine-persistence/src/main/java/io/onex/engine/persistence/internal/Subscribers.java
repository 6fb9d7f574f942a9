package io.onex.engine.persistence.internal;

import io.onex.engine.core.client.InstanceView;
import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceCommand.Unsubscribe;
import io.onex.engine.persistence.InstanceNotice;
import io.onex.engine.persistence.InstanceReply;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Who follows the instance's events ({@code Subscribe}), and what they are told. Not journaled: a
 * subscriber that loses its instance (a crash, a move to another node) subscribes again. Each
 * subscriber is watched, so that one that stops is forgotten ({@code Unsubscribe}). Used only on
 * the instance's own thread.
 */
final class Subscribers {

  private final ActorContext<InstanceCommand> context;
  private final Set<ActorRef<InstanceNotice>> subscribers = new LinkedHashSet<>();

  Subscribers(ActorContext<InstanceCommand> context) {
    this.context = context;
  }

  /**
   * The answer to {@code subscriber}, given the instance's {@code current} answer and the sequence
   * number its journal reaches: refused if the instance cannot be shown, otherwise subscribed, and
   * kept unless the instance has ended.
   */
  InstanceNotice subscribe(
      ActorRef<InstanceNotice> subscriber, InstanceReply current, long journaledUpTo) {
    if (!(current instanceof InstanceReply.Accepted accepted)) {
      return new InstanceNotice.Refused(((InstanceReply.Failed) current).error());
    }
    if (!accepted.instance().status().isFinal() && subscribers.add(subscriber)) {
      context.watchWith(subscriber, new Unsubscribe(subscriber));
    }
    return new InstanceNotice.Subscribed(accepted.instance(), journaledUpTo, context.getSelf());
  }

  void unsubscribe(ActorRef<InstanceNotice> subscriber) {
    if (subscribers.remove(subscriber)) {
      context.unwatch(subscriber);
    }
  }

  boolean isEmpty() {
    return subscribers.isEmpty();
  }

  /**
   * Tells every subscriber that event {@code sequence} is journaled; if it ended the instance, also
   * the instance's {@code end}, after which the subscribers are forgotten.
   */
  void journaled(long sequence, boolean ended, Supplier<InstanceView> end) {
    if (subscribers.isEmpty()) {
      return;
    }
    tellAll(new InstanceNotice.Journaled(sequence));
    if (ended) {
      tellAll(new InstanceNotice.Ended(end.get()));
      subscribers.forEach(context::unwatch);
      subscribers.clear();
    }
  }

  private void tellAll(InstanceNotice notice) {
    subscribers.forEach(subscriber -> subscriber.tell(notice));
  }
}
