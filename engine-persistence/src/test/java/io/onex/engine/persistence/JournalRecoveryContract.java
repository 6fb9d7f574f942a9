package io.onex.engine.persistence;

import static io.onex.engine.core.testing.Actions.action;
import static io.onex.engine.core.testing.Actions.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.HistoryPage;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.persistence.InstanceReply.Accepted;
import io.onex.engine.persistence.internal.JournalHistory;
import io.onex.engine.persistence.internal.TagOrderedReadJournalDao;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;

/**
 * What every journal database must do: an instance recovered by a new actor system, from snapshots
 * and events written by an earlier one, is exactly the instance that was acknowledged.
 */
abstract class JournalRecoveryContract {

  /** The onex.journal / onex.data-dir settings of the database under test. */
  abstract Map<String, Object> journalConfig();

  private Config config() {
    Map<String, Object> overrides = new HashMap<>(journalConfig());
    overrides.put("onex.instance.snapshot-every", 5);
    overrides.put("jdbc-read-journal.max-buffer-size", 3);
    return ConfigFactory.parseMap(overrides)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  private ActorTestKit startSystem(JournalSettings settings) {
    JournalSchema.ensure(settings);
    return ActorTestKit.create("recovery", settings.toPekkoConfig().withFallback(config()));
  }

  private static ActorRef<InstanceCommand> spawn(ActorTestKit kit, String id) {
    WorkflowInstances instances =
        WorkflowInstances.create(
            new WorkflowRegistry().register(CounterWorkflow.definition()),
            kit.system().settings().config(),
            Clock.systemUTC(),
            (type, instanceId, intent) -> {},
            DivergenceLog.NONE,
            AwaitingLog.NONE,
            InstanceTelemetry.off());
    return kit.spawn(instances.behavior(CounterWorkflow.TYPE, id, self -> {}));
  }

  @Test
  void shouldRecoverEveryAcknowledgedEventInANewActorSystem() throws Exception {
    // given an instance with 12 events, snapshotted every 5, in a first actor system
    JournalSettings settings = JournalSettings.fromConfig(config());
    String id = "recovering-" + System.nanoTime();
    ActorTestKit first = startSystem(settings);
    TestProbe<InstanceReply> probe = first.createTestProbe();
    ActorRef<InstanceCommand> instance = spawn(first, id);
    instance.tell(new InstanceCommand.Start(start(Map.of("initial", 0)), probe.ref()));
    probe.expectMessageClass(Accepted.class);
    for (int i = 1; i <= 11; i++) {
      instance.tell(new InstanceCommand.Apply(action("Increment", Map.of("by", i)), probe.ref()));
      probe.expectMessageClass(Accepted.class);
    }
    instance.tell(new InstanceCommand.Get(probe.ref()));
    InstanceView acknowledged = probe.expectMessageClass(Accepted.class).instance();
    List<WorkflowEvent> writtenHistory =
        JournalHistory.create(first.system())
            .page(CounterWorkflow.TYPE, id, 1, 100)
            .toCompletableFuture()
            .get()
            .events();
    first.shutdownTestKit();

    // when a second actor system recovers it
    ActorTestKit second = startSystem(settings);
    try {
      TestProbe<InstanceReply> secondProbe = second.createTestProbe();
      spawn(second, id).tell(new InstanceCommand.Get(secondProbe.ref()));
      InstanceView recovered = secondProbe.expectMessageClass(Accepted.class).instance();

      // then state, sequence and digest are those acknowledged, and the history is complete
      assertThat(recovered).isEqualTo(acknowledged);
      assertThat(recovered.sequence()).isEqualTo(12);
      assertThat(recovered.state().get("value").asInt()).isEqualTo(66);
      JournalHistory history = JournalHistory.create(second.system());
      HistoryPage all = history.page(CounterWorkflow.TYPE, id, 1, 100).toCompletableFuture().get();
      assertThat(all.events()).isEqualTo(writtenHistory);
      assertThat(all.events())
          .extracting(WorkflowEvent::sequence)
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
      assertThat(all.nextFromSeq()).isNull();
      HistoryPage firstPage =
          history.page(CounterWorkflow.TYPE, id, 1, 5).toCompletableFuture().get();
      assertThat(firstPage.events()).hasSize(5);
      assertThat(firstPage.nextFromSeq()).isEqualTo(6L);
      assertThat(snapshotsOf(settings, id)).isPositive();
    } finally {
      second.shutdownTestKit();
    }
  }

  @Test
  void shouldReadEventsByTagPageByPageInJournalOrderThroughTheEnginesQuery() throws Exception {
    // given three instances of 4 events each, read in pages of 3
    JournalSettings settings = JournalSettings.fromConfig(config());
    String prefix = "tagged-" + System.nanoTime() + "-";
    ActorTestKit kit = startSystem(settings);
    try {
      TestProbe<InstanceReply> probe = kit.createTestProbe();
      for (int n = 0; n < 3; n++) {
        ActorRef<InstanceCommand> instance = spawn(kit, prefix + n);
        instance.tell(new InstanceCommand.Start(start(Map.of("initial", n)), probe.ref()));
        probe.expectMessageClass(Accepted.class);
        for (int i = 1; i <= 3; i++) {
          instance.tell(
              new InstanceCommand.Apply(action("Increment", Map.of("by", i)), probe.ref()));
          probe.expectMessageClass(Accepted.class);
        }
      }
      JdbcReadJournal journal =
          PersistenceQuery.get(kit.system().classicSystem())
              .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());

      // when
      List<EventEnvelope> all = byTag(kit, journal, 0);
      List<EventEnvelope> mine =
          all.stream().filter(e -> e.persistenceId().contains(prefix)).toList();
      long middle = ((Sequence) mine.get(5).offset()).value();
      List<EventEnvelope> after = byTag(kit, journal, middle);

      // then: each event once, in journal order, as many as the tag has rows; after an offset,
      // only what follows it
      List<Long> offsets = all.stream().map(e -> ((Sequence) e.offset()).value()).toList();
      assertThat(offsets).isSorted().doesNotHaveDuplicates().hasSize(typeTagRows(settings));
      assertThat(mine).hasSize(12);
      assertThat(mine)
          .filteredOn(e -> e.persistenceId().endsWith(prefix + 1))
          .extracting(EventEnvelope::sequenceNr)
          .containsExactly(1L, 2L, 3L, 4L);
      assertThat(mine.get(0).event()).isInstanceOf(WorkflowEvent.class);
      WorkflowEvent fourth = (WorkflowEvent) mine.get(3).event();
      assertThat(fourth.sequence()).isEqualTo(4);
      assertThat(fourth.action().payload().get("by").asInt()).isEqualTo(3);
      assertThat(after)
          .extracting(e -> ((Sequence) e.offset()).value())
          .containsExactlyElementsOf(offsets.subList(offsets.indexOf(middle) + 1, offsets.size()));
      assertThat(
              PersistenceQuery.get(kit.system().classicSystem())
                  .<org.apache.pekko.persistence.jdbc.query.scaladsl.JdbcReadJournal>readJournalFor(
                      JdbcReadJournal.Identifier())
                  .readJournalDao())
          .isInstanceOf(TagOrderedReadJournalDao.class);
    } finally {
      kit.shutdownTestKit();
    }
  }

  private static List<EventEnvelope> byTag(ActorTestKit kit, JdbcReadJournal journal, long after)
      throws Exception {
    return journal
        .currentEventsByTag(EventTags.ofType(CounterWorkflow.TYPE), Offset.sequence(after))
        .runWith(Sink.seq(), kit.system())
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static int typeTagRows(JournalSettings settings) throws SQLException {
    return count(
        settings,
        "SELECT COUNT(*) FROM \"event_tag\" WHERE \"tag\" = '"
            + EventTags.ofType(CounterWorkflow.TYPE)
            + "'");
  }

  @Test
  void shouldCreateTheSchemaIdempotently() {
    JournalSettings settings = JournalSettings.fromConfig(config());

    JournalSchema.ensure(settings);
    JournalSchema.ensure(settings);
  }

  private static int snapshotsOf(JournalSettings settings, String id) throws SQLException {
    return count(
        settings,
        "SELECT COUNT(*) FROM \"snapshot\" WHERE \"persistence_id\" = '"
            + CounterWorkflow.TYPE
            + "|"
            + id
            + "'");
  }

  private static int count(JournalSettings settings, String query) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
