package io.onex.engine.persistence;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariDataSource;
import io.onex.engine.persistence.internal.AwaitingEvents;
import io.onex.engine.persistence.internal.AwaitingIndexHandler;
import io.onex.engine.persistence.internal.AwaitingTable;
import io.onex.engine.persistence.internal.AwaitingTable.Change;
import io.onex.engine.persistence.internal.Migrations;
import io.onex.engine.persistence.internal.PooledSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.javadsl.GroupedProjection;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances that await an intent's outcome or a timer, kept in the journal database (table
 * {@code onex_awaiting_instances}), so that after a crash or the loss of a node the cluster wakes
 * exactly the instances that have work pending, and nothing else: no write when an instance starts,
 * none on the path of a request.
 *
 * <p>The event that makes an instance await something when it awaited nothing is tagged {@value
 * #TAG} in the journal, in the transaction that writes the event. A projection of that tag ({@link
 * #projection}, run once in the cluster) records each such instance, its offset and the rows in one
 * transaction, so that no tagged event is skipped. An instance that stops with nothing pending
 * removes its row ({@link #settled}), one that recovers with work pending records itself ({@link
 * #awaiting}); both writes are batched and asynchronous, and a lost one is harmless: a stale row
 * only wakes an instance that then finds nothing to do. Thread-safe.
 */
public final class AwaitingInstances implements AwaitingLog, AutoCloseable {

  /** The journal tag of events that leave their instance awaiting an intent or a timer. */
  public static final String TAG = "onex-awaiting";

  /** An instance's address. */
  public record Address(String workflowType, String instanceId) {}

  private static final Logger log = LoggerFactory.getLogger(AwaitingInstances.class);
  private static final int PAGE = 1000;

  private final ActorSystem<?> system;
  private final HikariDataSource pool;
  private final AwaitingTable table;
  private final Executor blocking;
  private final Clock clock;
  private final BoundedSourceQueue<Change> changes;
  private final Duration delay;
  private final Duration pollInterval;
  private final Migrations migrations;

  private AwaitingInstances(
      ActorSystem<?> system, JournalSettings settings, Config index, Clock clock) {
    this.delay = index.getDuration("delay");
    this.pollInterval = index.getDuration("poll-interval");
    this.system = system;
    this.pool = settings.openPool("onex-awaiting-instances", 3);
    this.table = new AwaitingTable(settings.dialect());
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    this.clock = clock;
    this.migrations = new Migrations(pool, blocking, clock);
    this.changes =
        Source.<Change>queue(10_000)
            .groupedWithin(500, Duration.ofMillis(200))
            .mapAsync(1, batch -> CompletableFuture.runAsync(() -> write(batch), blocking))
            .to(Sink.ignore())
            .run(system);
  }

  /**
   * Opens the index in the journal database of {@code settings}, with the settings {@code index}
   * ({@code onex.instance.awaiting-index}); its table is created with the journal schema, and the
   * projection's offset table here when {@code onex.journal.create-schema} is on.
   */
  public static AwaitingInstances open(
      ActorSystem<?> system,
      JournalSettings settings,
      Config index,
      Clock clock,
      Duration timeout) {
    AwaitingInstances instances = new AwaitingInstances(system, settings, index, clock);
    if (settings.createSchema()) {
      try {
        PooledSession.createOffsetTables(instances.pool, system, timeout, settings);
      } catch (IllegalStateException e) {
        instances.close();
        throw e;
      }
    }
    return instances;
  }

  /**
   * The projection that keeps the table from the journal's events tagged {@value #TAG}: run it once
   * in the cluster. It records an instance {@code onex.instance.awaiting-index.delay} after the
   * event that made it await, then hands it to {@code onRecorded} (to wake it, in case its node
   * stopped in between).
   */
  public GroupedProjection<Long, AwaitingEvents.Tagged> projection(Consumer<Address> onRecorded) {
    return JdbcProjection.<Long, AwaitingEvents.Tagged, PooledSession>groupedWithin(
            ProjectionId.of("onex-awaiting-instances", "all"),
            new AwaitingEvents(system, pool, blocking, clock, delay, pollInterval),
            this::session,
            () -> new AwaitingIndexHandler(table, onRecorded),
            system)
        .withGroup(500, Duration.ofMillis(200))
        .withRestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);
  }

  @Override
  public void awaiting(String workflowType, String instanceId, long sequence) {
    offer(new Change(new Address(workflowType, instanceId), sequence, true));
  }

  @Override
  public void settled(String workflowType, String instanceId, long sequence) {
    offer(new Change(new Address(workflowType, instanceId), sequence, false));
  }

  /** Every awaiting instance, in order, read a page at a time. */
  public Source<Address, NotUsed> all() {
    return Source.unfoldAsync(
            Optional.<Address>empty(),
            after ->
                CompletableFuture.supplyAsync(
                    () -> {
                      List<Address> page = read(after.orElse(null));
                      return page.isEmpty()
                          ? Optional.<Pair<Optional<Address>, List<Address>>>empty()
                          : Optional.of(Pair.create(Optional.of(page.get(page.size() - 1)), page));
                    },
                    blocking))
        .mapConcat(page -> page);
  }

  /** Whether the one-off step {@code name} was done on this database. */
  public CompletionStage<Boolean> isDone(String name) {
    return migrations.isDone(name);
  }

  /** Records that the one-off step {@code name} was done on this database. */
  public CompletionStage<Void> markDone(String name) {
    return migrations.markDone(name);
  }

  private PooledSession session() {
    return new PooledSession(pool);
  }

  private void offer(Change change) {
    if (changes.offer(change) != QueueOfferResult.enqueued()) {
      log.debug("Awaiting-instances change dropped (queue full): {}", change);
    }
  }

  private void write(List<Change> batch) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      table.apply(connection, batch);
      connection.commit();
    } catch (SQLException e) {
      log.warn(
          "Could not record {} awaiting-instance changes; each is made again at the instance's"
              + " next recovery or stop: {}",
          batch.size(),
          e.getMessage());
    }
  }

  private List<Address> read(Address after) {
    try (Connection connection = pool.getConnection()) {
      return table.page(connection, after, PAGE);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not read onex_awaiting_instances: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    changes.complete();
    pool.close();
  }
}
