package io.onex.engine.cluster;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Journaled workflow events as streams, read from the journal through Pekko's read journal: an
 * instance's history followed by its live events, or every event of a workflow type as it is
 * journaled. A stream delivers each event once, in journal order for one instance. An instance's
 * stream receives each live event as soon as it is journaled (the instance tells its subscribers),
 * a type's stream within {@code onex.index.poll-interval}. Thread-safe; a stream runs until its
 * consumer cancels it.
 */
public interface EventStreams {

  /**
   * Once the instance is found: its events from sequence number {@code fromSequence} (1 for its
   * whole history), then each new one as it is journaled, completing after the event that ends the
   * instance. Fails with {@code InstanceNotFoundException} when the instance was never started, so
   * that a caller can refuse the stream before it opens it.
   */
  CompletionStage<Source<JournaledEvent, NotUsed>> ofInstance(
      String workflowType, String instanceId, long fromSequence);

  /**
   * Every event of {@code workflowType}'s instances journaled after offset {@code afterOffset} (see
   * {@link JournaledEvent#offset()}; 0 for the whole journal, or {@link #latestOffset()} for live
   * events only), as they are journaled. Events of one instance come in sequence order.
   */
  Source<JournaledEvent, NotUsed> ofType(String workflowType, long afterOffset);

  /**
   * The offset of the latest journaled event: {@link #ofType} after it delivers new events only.
   */
  CompletionStage<Long> latestOffset();

  /**
   * Calls {@code listener} with each event of {@link #ofInstance}, on a stream thread, one at a
   * time, until the returned subscription is closed or the instance ends.
   */
  Subscription watch(
      String workflowType, String instanceId, long fromSequence, Consumer<JournaledEvent> listener);

  /** A running {@link #watch}. */
  interface Subscription extends AutoCloseable {

    /** Stops delivering events; idempotent. */
    @Override
    void close();
  }
}
