package io.onex.engine.persistence;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariDataSource;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.InstanceCounts;
import io.onex.engine.core.client.InstancePage;
import io.onex.engine.core.client.InstanceQuery;
import io.onex.engine.persistence.internal.IndexHandler;
import io.onex.engine.persistence.internal.IndexRow;
import io.onex.engine.persistence.internal.IndexTable;
import io.onex.engine.persistence.internal.Migrations;
import io.onex.engine.persistence.internal.OffsetTable;
import io.onex.engine.persistence.internal.PageToken;
import io.onex.engine.persistence.internal.PooledSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.GroupedProjection;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The instance index: one row per workflow instance in the journal database (tables {@code
 * onex_instances} and {@code onex_instance_attributes}), kept by a projection of the journal's
 * events tagged by slice ({@link EventTags}), one projection per slice, whose offsets are written
 * in the same transaction as the rows. After a crash each slice resumes after its last committed
 * group: no event is lost and none is counted twice. Lists, counts and the lag (events journaled
 * but not yet indexed) are read from the same database.
 *
 * <p>A journal written before the index existed is indexed once from its instances' histories
 * ({@link #seedIfNeeded}); {@link #rebuild} empties the index and does that again. Thread-safe.
 */
public final class InstanceIndex implements AutoCloseable {

  /** The name of the projection; its keys are the slice tags. */
  public static final String PROJECTION = "onex-instance-index";

  private static final String SEEDED = "instance-index-seeded";
  private static final int SEED_BATCH = 200;

  private final ActorSystem<?> system;
  private final HikariDataSource pool;
  private final IndexTable table;
  private final OffsetTable offsets;
  private final Migrations migrations;
  private final Executor blocking;
  private final int slices;
  private final int defaultPageSize;
  private final int maxPageSize;
  private final int groupSize;
  private final Duration groupWithin;

  private InstanceIndex(ActorSystem<?> system, JournalSettings journal, Config index, Clock clock) {
    this.system = system;
    this.slices = index.getInt("slices");
    this.defaultPageSize = index.getInt("page-size");
    this.maxPageSize = index.getInt("max-page-size");
    this.groupSize = index.getInt("group-size");
    this.groupWithin = index.getDuration("group-within");
    if (slices < 1 || defaultPageSize < 1 || maxPageSize < defaultPageSize || groupSize < 1) {
      throw new IllegalArgumentException(
          "Expected onex.index.slices, page-size and group-size >= 1 and max-page-size >="
              + " page-size, but got "
              + index.root().render());
    }
    this.pool = journal.openPool("onex-instance-index", 4);
    this.table = new IndexTable(journal.dialect());
    this.offsets = new OffsetTable(system.settings().config().getConfig("pekko.projection.jdbc"));
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    this.migrations = new Migrations(pool, blocking, clock);
  }

  /**
   * Opens the index in the journal database of {@code journal}, with the settings {@code index}
   * ({@code onex.index}); its tables come with the journal schema, and the projection offset table
   * is created here when {@code onex.journal.create-schema} is on.
   */
  public static InstanceIndex open(
      ActorSystem<?> system, JournalSettings journal, Config index, Clock clock, Duration timeout) {
    InstanceIndex instances = new InstanceIndex(system, journal, index, clock);
    if (journal.createSchema()) {
      try {
        PooledSession.createOffsetTables(instances.pool, system, timeout, journal);
      } catch (IllegalStateException e) {
        instances.close();
        throw e;
      }
    }
    return instances;
  }

  /**
   * Throws {@link IllegalArgumentException} naming the problem unless {@code pageToken} is a {@code
   * nextPageToken} this index gave.
   */
  public static void checkPageToken(String pageToken) {
    PageToken.decode(pageToken);
  }

  /** How many slices the journal's events are tagged with; one projection runs per slice. */
  public int slices() {
    return slices;
  }

  /** The projection of slice {@code slice} (0 to {@link #slices()} - 1): run each once. */
  public GroupedProjection<Offset, EventEnvelope<WorkflowEvent>> projection(int slice) {
    String tag = EventTags.ofSlice(slice);
    return JdbcProjection.<Offset, EventEnvelope<WorkflowEvent>, PooledSession>groupedWithin(
            ProjectionId.of(PROJECTION, tag),
            EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag),
            this::session,
            () -> new IndexHandler(table),
            system)
        .withGroup(groupSize, groupWithin)
        .withRestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);
  }

  /**
   * One page of {@code query}; its page size is {@code onex.index.page-size} when not given and at
   * most {@code onex.index.max-page-size}.
   */
  public CompletionStage<InstancePage> list(InstanceQuery query) {
    int size = query.pageSize() == 0 ? defaultPageSize : Math.min(query.pageSize(), maxPageSize);
    return read(connection -> table.page(connection, query, size));
  }

  /** The counts of {@code workflowType}'s indexed instances. */
  public CompletionStage<InstanceCounts> counts(String workflowType) {
    return read(connection -> table.counts(connection, workflowType));
  }

  /** How many tagged events are journaled but not yet indexed, over every slice. */
  public CompletionStage<Long> lag() {
    return read(connection -> offsets.sliceLag(connection, PROJECTION, slices));
  }

  /**
   * Indexes every instance of a journal written before the index existed, once per database (the
   * step is recorded in {@code onex_migrations}); completes with how many instances it wrote.
   */
  public CompletionStage<Long> seedIfNeeded() {
    return migrations
        .isDone(SEEDED)
        .thenCompose(
            done ->
                done
                    ? CompletableFuture.completedFuture(0L)
                    : seed()
                        .thenCompose(count -> migrations.markDone(SEEDED).thenApply(v -> count)));
  }

  /**
   * Empties the index and the projection's offsets and indexes every instance again from its
   * history; completes with how many instances it wrote. Meant for a stopped cluster: a node that
   * projects meanwhile only repeats work (rows never go back), but its projections keep the offsets
   * they had in memory.
   */
  public CompletionStage<Long> rebuild() {
    return write(
            connection -> {
              table.clear(connection);
              offsets.clear(connection, PROJECTION);
              migrations.forget(connection, SEEDED);
              return null;
            })
        .thenCompose(cleared -> seedIfNeeded());
  }

  /** The journal position of the latest event (0 for an empty journal). */
  public CompletionStage<Long> latestOffset() {
    return read(
        connection -> {
          try (PreparedStatement query =
                  connection.prepareStatement(
                      "SELECT COALESCE(MAX(\"ordering\"), 0) FROM \"event_journal\"");
              ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  /** Every indexed instance ({@code type|id}) with the sequence number of its latest event. */
  public CompletionStage<Map<String, Long>> sequences() {
    return read(table::sequences);
  }

  private CompletionStage<Long> seed() {
    JdbcReadJournal journal =
        PersistenceQuery.get(system.classicSystem())
            .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    return journal
        .currentPersistenceIds()
        .filter(id -> id.indexOf('|') > 0)
        .mapAsync(
            1,
            id ->
                journal
                    .currentEventsByPersistenceId(id, 0L, Long.MAX_VALUE)
                    .map(envelope -> envelope.event())
                    .filter(WorkflowEvent.class::isInstance)
                    .map(WorkflowEvent.class::cast)
                    .runWith(Sink.seq(), system))
        .filter(events -> !events.isEmpty() && events.get(0).isStart())
        .map(IndexRow::fold)
        .grouped(SEED_BATCH)
        .mapAsync(1, rows -> write(connection -> table.apply(connection, new ArrayList<>(rows))))
        .runFold(0L, (total, written) -> total + written, system);
  }

  private PooledSession session() {
    return new PooledSession(pool);
  }

  /** Runs {@code use} on a pooled connection on the blocking dispatcher. */
  private <T> CompletionStage<T> read(SqlFunction<T> use) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Connection connection = pool.getConnection()) {
            return use.apply(connection);
          } catch (SQLException e) {
            throw new IllegalStateException(
                "Could not read the instance index: " + e.getMessage(), e);
          }
        },
        blocking);
  }

  /** Runs {@code use} in one transaction on the blocking dispatcher. */
  private <T> CompletionStage<T> write(SqlFunction<T> use) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
              T result = use.apply(connection);
              connection.commit();
              return result;
            } catch (SQLException | RuntimeException e) {
              connection.rollback();
              throw e;
            }
          } catch (SQLException e) {
            throw new IllegalStateException(
                "Could not write the instance index: " + e.getMessage(), e);
          }
        },
        blocking);
  }

  @FunctionalInterface
  private interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
  }

  @Override
  public void close() {
    pool.close();
  }
}
