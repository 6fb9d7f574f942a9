package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * The handler of one slice of the instance-index projection: folds a group of journaled events into
 * one row per instance and writes the rows in the projection's own transaction, so that the index
 * and the projection's offset move together: after a crash the projection resumes after the last
 * group it committed, and a group replayed twice changes nothing (rows never go back to a lower
 * sequence number).
 */
@InternalApi
public final class IndexHandler
    extends JdbcHandler<List<EventEnvelope<WorkflowEvent>>, PooledSession> {

  private final IndexTable table;

  public IndexHandler(IndexTable table) {
    this.table = table;
  }

  @Override
  public void process(PooledSession session, List<EventEnvelope<WorkflowEvent>> envelopes)
      throws Exception {
    Map<String, List<WorkflowEvent>> byInstance = new LinkedHashMap<>();
    for (EventEnvelope<WorkflowEvent> envelope : envelopes) {
      WorkflowEvent event = envelope.event();
      byInstance.computeIfAbsent(envelope.persistenceId(), id -> new ArrayList<>()).add(event);
    }
    List<IndexRow> rows = byInstance.values().stream().map(IndexRow::fold).toList();
    session.withConnection(connection -> table.apply(connection, rows));
  }
}
