package io.onex.engine.persistence.internal;

import io.onex.engine.persistence.InstanceNotice;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Who follows the instance's events ({@code Subscribe}). Not journaled: a subscriber that loses its
 * instance (a crash, a move to another node) subscribes again. Used only on the instance's own
 * thread.
 */
final class Subscribers {

  private final Set<ActorRef<InstanceNotice>> subscribers = new LinkedHashSet<>();

  /** Adds {@code subscriber}; whether it is new. */
  boolean add(ActorRef<InstanceNotice> subscriber) {
    return subscribers.add(subscriber);
  }

  /** Forgets {@code subscriber}; whether it was known. */
  boolean remove(ActorRef<InstanceNotice> subscriber) {
    return subscribers.remove(subscriber);
  }

  boolean isEmpty() {
    return subscribers.isEmpty();
  }

  void tellAll(InstanceNotice notice) {
    subscribers.forEach(subscriber -> subscriber.tell(notice));
  }

  /** Tells every subscriber {@code last}, then hands each to {@code forget} and forgets them. */
  void endAll(InstanceNotice last, Consumer<ActorRef<InstanceNotice>> forget) {
    tellAll(last);
    subscribers.forEach(forget);
    subscribers.clear();
  }
}
