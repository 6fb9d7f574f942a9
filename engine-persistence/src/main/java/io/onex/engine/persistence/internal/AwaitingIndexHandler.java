package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.persistence.AwaitingInstances.Address;
import io.onex.engine.persistence.internal.AwaitingEvents.Tagged;
import io.onex.engine.persistence.internal.AwaitingTable.Change;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * The handler of the awaiting-instances projection: records each instance that started awaiting an
 * intent's outcome or a timer, in the projection's own transaction, so that the table and the
 * projection's offset move together; then hands each to {@code onRecorded}, which wakes it in case
 * its node stopped since (an instance that runs ignores that).
 */
@InternalApi
public final class AwaitingIndexHandler extends JdbcHandler<List<Tagged>, PooledSession> {

  private final AwaitingTable table;
  private final Consumer<Address> onRecorded;

  public AwaitingIndexHandler(AwaitingTable table, Consumer<Address> onRecorded) {
    this.table = table;
    this.onRecorded = onRecorded;
  }

  @Override
  public void process(PooledSession session, List<Tagged> events) throws Exception {
    List<Change> changes =
        events.stream()
            .map(
                event ->
                    new Change(
                        new Address(event.workflowType(), event.instanceId()),
                        event.sequence(),
                        true))
            .toList();
    session.withConnection(
        connection -> {
          table.apply(connection, changes);
          return null;
        });
    changes.forEach(change -> onRecorded.accept(change.address()));
  }
}
