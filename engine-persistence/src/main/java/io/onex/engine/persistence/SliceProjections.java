package io.onex.engine.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.persistence.internal.OffsetTable;
import io.onex.engine.persistence.internal.PooledSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.GroupedProjection;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Projections of every journaled workflow event for consumers outside the journal database (a
 * message broker, for one): one projection per slice ({@link EventTags#ofSlice}), its offset stored
 * in the journal database's projection offset table after each group its handler completed. A
 * slice's projection delivers its instances' events in journal order, so each instance's events in
 * sequence order; after a crash it resumes after the last completed group, so an event is delivered
 * at least once and repeats only from that group on. Thread-safe.
 */
public final class SliceProjections implements AutoCloseable {

  private final ActorSystem<?> system;
  private final HikariDataSource pool;
  private final OffsetTable offsets;
  private final Executor blocking;
  private final int slices;

  private SliceProjections(
      ActorSystem<?> system, JournalSettings journal, int slices, String poolName) {
    this.system = system;
    this.slices = slices;
    this.pool = journal.openPool(poolName, 2);
    this.offsets = new OffsetTable(system.settings().config().getConfig("pekko.projection.jdbc"));
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
  }

  /**
   * Opens the projections of the {@code slices} slices ({@code onex.index.slices}) of the journal
   * database of {@code journal}, on a connection pool named {@code poolName}; creates the offset
   * table when it is missing and {@code onex.journal.create-schema} is on.
   */
  public static SliceProjections open(
      ActorSystem<?> system,
      JournalSettings journal,
      int slices,
      String poolName,
      Duration timeout) {
    if (slices < 1) {
      throw new IllegalArgumentException("Expected at least 1 slice, but got " + slices);
    }
    SliceProjections projections = new SliceProjections(system, journal, slices, poolName);
    if (journal.createSchema()) {
      try {
        PooledSession.createOffsetTables(projections.pool, system, timeout, journal);
      } catch (IllegalStateException e) {
        projections.close();
        throw e;
      }
    }
    return projections;
  }

  /** How many slices there are: run one projection of each. */
  public int slices() {
    return slices;
  }

  /**
   * The projection {@code name} of slice {@code slice}: {@code handler} gets the slice's events in
   * groups of at most {@code groupSize}, or what came within {@code groupWithin}; the group's
   * offset is stored once the stage it returned completed. A failed stage restarts the projection
   * after a backoff (1 s growing to 30 s) from the last stored offset.
   */
  public GroupedProjection<Offset, EventEnvelope<WorkflowEvent>> atLeastOnce(
      String name,
      int slice,
      int groupSize,
      Duration groupWithin,
      Supplier<Handler<List<EventEnvelope<WorkflowEvent>>>> handler) {
    if (slice < 0 || slice >= slices) {
      throw new IllegalArgumentException(
          "Expected a slice from 0 to " + (slices - 1) + ", but got " + slice);
    }
    String tag = EventTags.ofSlice(slice);
    return JdbcProjection.<Offset, EventEnvelope<WorkflowEvent>, PooledSession>groupedWithinAsync(
            ProjectionId.of(name, tag),
            EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag),
            () -> new PooledSession(pool),
            handler,
            system)
        .withGroup(groupSize, groupWithin)
        .withRestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);
  }

  /** How many events projection {@code name} has not yet handled, over every slice. */
  public CompletionStage<Long> lag(String name) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Connection connection = pool.getConnection()) {
            return offsets.sliceLag(connection, name, slices);
          } catch (SQLException e) {
            throw new IllegalStateException(
                "Could not read the offsets of projection " + name + ": " + e.getMessage(), e);
          }
        },
        blocking);
  }

  @Override
  public void close() {
    pool.close();
  }
}
