package io.onex.engine.cluster.internal;

import io.onex.engine.cluster.EventStreams;
import io.onex.engine.cluster.JournaledEvent;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.WorkflowClient;
import io.onex.engine.core.error.InvalidIdentifierException;
import io.onex.engine.persistence.EventTags;
import io.onex.engine.persistence.InstanceIndex;
import io.onex.engine.persistence.InstanceNotice;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@link EventStreams} over pekko-persistence-jdbc's read journal: for one instance, {@code
 * currentEventsByPersistenceId} read whenever the instance's live feed ({@link InstanceFeeds}) says
 * its journal grew, so that a live event arrives as soon as it is journaled; for a type, {@code
 * eventsByTag} of the type's tag ({@link EventTags#ofType}).
 */
final class JournalEventStreams implements EventStreams {

  private final ActorSystem<?> system;
  private final JdbcReadJournal journal;
  private final WorkflowClient client;
  private final InstanceFeeds feeds;
  private final InstanceIndex index;

  JournalEventStreams(
      ActorSystem<?> system, WorkflowClient client, InstanceFeeds feeds, InstanceIndex index) {
    this.system = system;
    this.client = client;
    this.feeds = feeds;
    this.index = index;
    this.journal =
        PersistenceQuery.get(system.classicSystem())
            .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
  }

  @Override
  public CompletionStage<Source<JournaledEvent, NotUsed>> ofInstance(
      String workflowType, String instanceId, long fromSequence) {
    long from = Math.max(1, fromSequence);
    return client
        .get(workflowType, instanceId)
        .thenApply(
            view ->
                view.status().isFinal() && from > view.sequence()
                    ? Source.<JournaledEvent>empty()
                    : followed(
                        EventTags.persistenceId(workflowType, instanceId),
                        from,
                        feeds.of(workflowType, instanceId)));
  }

  /**
   * The events of {@code persistenceId} from {@code from} on, read from the journal as far as each
   * of the instance's {@code notices} says it reaches: its history when subscribed, then each new
   * event, or every event a dropped notice or a restart of the instance skipped. Each is delivered
   * once, in sequence order, until the one that ends the instance.
   */
  private Source<JournaledEvent, NotUsed> followed(
      String persistenceId, long from, Source<InstanceNotice, NotUsed> notices) {
    return Source.fromMaterializer(
            (materializer, attributes) -> {
              long[] delivered = {from - 1};
              return notices
                  .map(JournalEventStreams::journaledUpTo)
                  .flatMapConcat(
                      upTo ->
                          Source.lazySource(
                              () ->
                                  upTo > delivered[0]
                                      ? journal.currentEventsByPersistenceId(
                                          persistenceId, delivered[0] + 1, upTo)
                                      : Source.<EventEnvelope>empty()))
                  .filter(envelope -> envelope.sequenceNr() > delivered[0])
                  .map(
                      envelope -> {
                        delivered[0] = envelope.sequenceNr();
                        return journaled(envelope);
                      })
                  .takeWhile(event -> !event.event().status().isFinal(), true);
            })
        .mapMaterializedValue(ignored -> NotUsed.getInstance());
  }

  /** How far the instance's journal reaches, as {@code notice} tells. */
  private static long journaledUpTo(InstanceNotice notice) {
    if (notice instanceof InstanceNotice.Subscribed subscribed) {
      return subscribed.journaledUpTo();
    }
    if (notice instanceof InstanceNotice.Journaled journaled) {
      return journaled.sequence();
    }
    return ((InstanceNotice.Ended) notice).instance().sequence();
  }

  @Override
  public Source<JournaledEvent, NotUsed> ofType(String workflowType, long afterOffset) {
    InvalidIdentifierException.requireValid("workflowType", workflowType);
    return journal
        .eventsByTag(EventTags.ofType(workflowType), Offset.sequence(Math.max(0, afterOffset)))
        .map(JournalEventStreams::journaled);
  }

  @Override
  public CompletionStage<Long> latestOffset() {
    return index.latestOffset();
  }

  @Override
  public Subscription watch(
      String workflowType,
      String instanceId,
      long fromSequence,
      Consumer<JournaledEvent> listener) {
    UniqueKillSwitch running =
        Source.completionStageSource(ofInstance(workflowType, instanceId, fromSequence))
            .viaMat(KillSwitches.single(), Keep.right())
            .to(Sink.foreach(listener::accept))
            .run(system);
    return running::shutdown;
  }

  private static JournaledEvent journaled(EventEnvelope envelope) {
    return new JournaledEvent(
        ((Sequence) envelope.offset()).value(), (WorkflowEvent) envelope.event());
  }
}
