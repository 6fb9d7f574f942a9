package io.onex.engine.cluster.internal;

import io.onex.engine.cluster.EventStreams;
import io.onex.engine.cluster.JournaledEvent;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.WorkflowClient;
import io.onex.engine.core.error.InvalidIdentifierException;
import io.onex.engine.persistence.EventTags;
import io.onex.engine.persistence.InstanceIndex;
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
 * {@link EventStreams} over pekko-persistence-jdbc's read journal: {@code eventsByPersistenceId}
 * for one instance, {@code eventsByTag} of the type's tag ({@link EventTags#ofType}) for a type.
 */
final class JournalEventStreams implements EventStreams {

  private final ActorSystem<?> system;
  private final JdbcReadJournal journal;
  private final WorkflowClient client;
  private final InstanceIndex index;

  JournalEventStreams(ActorSystem<?> system, WorkflowClient client, InstanceIndex index) {
    this.system = system;
    this.client = client;
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
                    : journal
                        .eventsByPersistenceId(
                            EventTags.persistenceId(workflowType, instanceId), from, Long.MAX_VALUE)
                        .map(JournalEventStreams::journaled)
                        .takeWhile(event -> !event.event().status().isFinal(), true));
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
