package io.onex.engine.cluster.internal;

import io.onex.engine.persistence.InstanceNotice;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.Status;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Live notices of one instance as a stream ({@link InstanceNotice}): first {@link
 * InstanceNotice.Subscribed}, then each journaled event's sequence number, then {@link
 * InstanceNotice.Ended}, after which the stream completes; it fails with the refusal's exception
 * (the instance was never started, say). What the instance's event streams and {@code awaitEnd}
 * rest on. A slow consumer loses the oldest notices, never the latest: every notice says how far
 * the instance's journal reaches, so the journal fills in what was dropped.
 */
final class InstanceFeeds {

  /** How many notices wait for a slow consumer before the oldest are dropped. */
  private static final int BUFFER = 256;

  private final ActorSystem<?> system;
  private final InstanceShards shards;
  private final Duration renewal;
  private final AtomicLong feeds = new AtomicLong();

  InstanceFeeds(ActorSystem<?> system, InstanceShards shards, Duration renewal) {
    this.system = system;
    this.shards = shards;
    this.renewal = renewal;
  }

  /** The notices of instance {@code instanceId} of {@code workflowType}, subscribed when run. */
  Source<InstanceNotice, NotUsed> of(String workflowType, String instanceId) {
    return Source.<InstanceNotice>actorRef(
            message -> Optional.empty(),
            message ->
                message instanceof Status.Failure failure
                    ? Optional.of(failure.cause())
                    : Optional.empty(),
            BUFFER,
            OverflowStrategy.dropHead())
        .takeWhile(InstanceFeeds::continues, true)
        .watchTermination(
            (stream, done) -> {
              ActorRef<InstanceFeed.Message> feed =
                  system.systemActorOf(
                      InstanceFeed.create(
                          shards.entityRef(workflowType, instanceId), stream, renewal),
                      "onex-instance-feed-" + feeds.incrementAndGet(),
                      Props.empty());
              done.whenCompleteAsync(
                  (Done ignored, Throwable error) -> feed.tell(InstanceFeed.Stop.INSTANCE),
                  system.executionContext());
              return NotUsed.getInstance();
            });
  }

  /** Whether more notices follow {@code notice}. */
  private static boolean continues(InstanceNotice notice) {
    return !(notice instanceof InstanceNotice.Ended)
        && !(notice instanceof InstanceNotice.Subscribed subscribed
            && subscribed.instance().status().isFinal());
  }
}
