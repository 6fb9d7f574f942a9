package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.persistence.AwaitingInstances;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The source of the awaiting-instances projection: the journal's events tagged {@value
 * AwaitingInstances#TAG}, in journal order, read straight from the tag and journal tables (the
 * instance and sequence number are all it needs, so no event is deserialized). An event is read
 * only once it is {@code delay} old, and reading stops at the first younger one: a transaction that
 * commits an earlier journal position later than a younger one is not skipped, as long as it
 * commits within {@code delay}. Polls every {@code pollInterval} when it has caught up.
 */
@InternalApi
public final class AwaitingEvents extends SourceProvider<Long, AwaitingEvents.Tagged> {

  /** A tagged event: its journal position, instance, sequence number and write time (ms). */
  public record Tagged(
      long ordering, String workflowType, String instanceId, long sequence, long writtenAt) {}

  private static final int PAGE = 500;
  private static final String QUERY =
      "SELECT t.\"event_id\", j.\"persistence_id\", j.\"sequence_number\", j.\"write_timestamp\""
          + " FROM \"event_tag\" t JOIN \"event_journal\" j ON j.\"ordering\" = t.\"event_id\""
          // ordered as the index (tag, event_id) is, so that the database reads no further than
          // the page
          + " WHERE t.\"tag\" = ? AND t.\"event_id\" > ? ORDER BY t.\"tag\", t.\"event_id\""
          + " LIMIT "
          + PAGE;

  private final ActorSystem<?> system;
  private final DataSource pool;
  private final Executor blocking;
  private final Clock clock;
  private final Duration delay;
  private final Duration pollInterval;

  public AwaitingEvents(
      ActorSystem<?> system,
      DataSource pool,
      Executor blocking,
      Clock clock,
      Duration delay,
      Duration pollInterval) {
    this.system = system;
    this.pool = pool;
    this.blocking = blocking;
    this.clock = clock;
    this.delay = delay;
    this.pollInterval = pollInterval;
  }

  @Override
  public CompletionStage<Source<Tagged, NotUsed>> source(
      Supplier<CompletionStage<Optional<Long>>> offset) {
    return offset
        .get()
        .thenApply(from -> Source.unfoldAsync(from.orElse(0L), this::next).mapConcat(page -> page));
  }

  private CompletionStage<Optional<Pair<Long, List<Tagged>>>> next(long after) {
    return CompletableFuture.supplyAsync(() -> read(after), blocking)
        .thenCompose(
            page -> {
              long last = page.isEmpty() ? after : page.get(page.size() - 1).ordering();
              Optional<Pair<Long, List<Tagged>>> next = Optional.of(Pair.create(last, page));
              if (page.size() == PAGE) {
                return CompletableFuture.completedFuture(next);
              }
              // caught up with what is old enough: the rest comes at the next poll
              return Patterns.after(
                  pollInterval,
                  system.classicSystem().scheduler(),
                  system.executionContext(),
                  () -> CompletableFuture.completedFuture(next));
            });
  }

  private List<Tagged> read(long after) {
    long youngest = clock.millis() - delay.toMillis();
    List<Tagged> page = new ArrayList<>();
    try (Connection connection = pool.getConnection();
        PreparedStatement query = connection.prepareStatement(QUERY)) {
      query.setString(1, AwaitingInstances.TAG);
      query.setLong(2, after);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          long writtenAt = rows.getLong(4);
          if (writtenAt > youngest) {
            break;
          }
          String persistenceId = rows.getString(2);
          int bar = persistenceId.indexOf('|');
          page.add(
              new Tagged(
                  rows.getLong(1),
                  persistenceId.substring(0, bar),
                  persistenceId.substring(bar + 1),
                  rows.getLong(3),
                  writtenAt));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not read the journal's awaiting events: " + e.getMessage(), e);
    }
    return page;
  }

  @Override
  public Long extractOffset(Tagged envelope) {
    return envelope.ordering();
  }

  @Override
  public long extractCreationTime(Tagged envelope) {
    return envelope.writtenAt();
  }
}
