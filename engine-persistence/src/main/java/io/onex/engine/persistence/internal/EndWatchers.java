package io.onex.engine.persistence.internal;

import io.onex.engine.persistence.InstanceReply;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Who waits for the instance to end ({@code WatchEnd}). Not journaled: a watcher that loses its
 * instance (a crash, a move to another node) registers again. Each watcher is answered once. Used
 * only on the instance's own thread.
 */
final class EndWatchers {

  private final Set<ActorRef<InstanceReply>> watchers = new LinkedHashSet<>();

  void add(ActorRef<InstanceReply> watcher) {
    watchers.add(watcher);
  }

  boolean isEmpty() {
    return watchers.isEmpty();
  }

  /** Answers every watcher with {@code reply} and forgets them. */
  void answerAll(InstanceReply reply) {
    watchers.forEach(watcher -> watcher.tell(reply));
    watchers.clear();
  }
}
