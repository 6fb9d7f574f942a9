package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.HistoryPage;
import io.onex.engine.persistence.EventTags;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;

/** Reads instances' journaled events back, page by page, through the JDBC read journal. */
@InternalApi
public final class JournalHistory {

  private static final String PROBE_ID = "onex-health|probe";

  private final ActorSystem<?> system;
  private final JdbcReadJournal readJournal;

  private JournalHistory(ActorSystem<?> system) {
    this.system = system;
    this.readJournal =
        PersistenceQuery.get(system)
            .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
  }

  public static JournalHistory create(ActorSystem<?> system) {
    return new JournalHistory(system);
  }

  /** Up to {@code limit} events of an instance from sequence number {@code fromSeq} on. */
  public CompletionStage<HistoryPage> page(
      String workflowType, String instanceId, long fromSeq, int limit) {
    String persistenceId = EventTags.persistenceId(workflowType, instanceId);
    return readJournal
        .currentEventsByPersistenceId(persistenceId, fromSeq, Long.MAX_VALUE)
        .take(limit + 1L)
        .map(envelope -> (WorkflowEvent) envelope.event())
        .runWith(Sink.seq(), system)
        .thenApply(events -> toPage(events, limit));
  }

  /** Every journaled event of an instance, in order (empty for an unknown instance). */
  public CompletionStage<List<WorkflowEvent>> all(String workflowType, String instanceId) {
    String persistenceId = EventTags.persistenceId(workflowType, instanceId);
    return readJournal
        .currentEventsByPersistenceId(persistenceId, 1, Long.MAX_VALUE)
        .map(envelope -> (WorkflowEvent) envelope.event())
        .runWith(Sink.seq(), system);
  }

  /** The ids of every instance of {@code workflowType} in the journal, sorted. */
  public CompletionStage<List<String>> instanceIds(String workflowType) {
    String prefix = workflowType + "|";
    return readJournal
        .currentPersistenceIds()
        .filter(id -> id.startsWith(prefix))
        .map(id -> id.substring(prefix.length()))
        .runWith(Sink.seq(), system)
        .thenApply(ids -> ids.stream().sorted().toList());
  }

  /** Completes when the journal database answered a query; fails when it is unreachable. */
  public CompletionStage<Done> ping() {
    return readJournal.currentEventsByPersistenceId(PROBE_ID, 1, 1).runWith(Sink.ignore(), system);
  }

  private static HistoryPage toPage(List<WorkflowEvent> events, int limit) {
    if (events.size() <= limit) {
      return new HistoryPage(events, null);
    }
    return new HistoryPage(events.subList(0, limit), events.get(limit).sequence());
  }
}
