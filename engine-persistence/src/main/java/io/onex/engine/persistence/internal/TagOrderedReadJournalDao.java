package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.jdbc.PekkoSerialization;
import org.apache.pekko.persistence.jdbc.config.ReadJournalConfig;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import org.apache.pekko.persistence.jdbc.query.dao.DefaultReadJournalDao;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.scaladsl.Source;
import scala.Option;
import scala.Tuple3;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.jdk.javaapi.FutureConverters;
import scala.util.Try;
import slick.dbio.DBIOAction;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;
import slick.jdbc.SimpleJdbcAction;

/**
 * pekko-persistence-jdbc's read journal DAO ({@code jdbc-read-journal.dao}) with an events-by-tag
 * query the database narrows to what is new. The plugin's own query joins the tag table to a
 * derived table of the journal, which H2 cannot narrow to the offset: each poll of a tag read every
 * row of the tag from the first. This one reads the tag index {@code (tag, event_id)} from the
 * offset, in its order, and stops at the page, on H2 and PostgreSQL alike. Rows are turned into
 * events by the plugin's own deserialization; everything else is the plugin's.
 */
@InternalApi
public final class TagOrderedReadJournalDao extends DefaultReadJournalDao {

  private static final String EVENTS_BY_TAG =
      "SELECT j.\"ordering\", j.\"deleted\", j.\"persistence_id\", j.\"sequence_number\","
          + " j.\"writer\", j.\"write_timestamp\", j.\"adapter_manifest\", j.\"event_payload\","
          + " j.\"event_ser_id\", j.\"event_ser_manifest\", j.\"meta_payload\", j.\"meta_ser_id\","
          + " j.\"meta_ser_manifest\""
          + " FROM \"event_tag\" t JOIN \"event_journal\" j ON j.\"ordering\" = t.\"event_id\""
          + " WHERE t.\"tag\" = ? AND t.\"event_id\" > ? AND t.\"event_id\" <= ?"
          + " AND j.\"deleted\" = FALSE"
          + " ORDER BY t.\"tag\", t.\"event_id\" LIMIT ?";

  /** The plugin does not populate an event's tags when read by tag either. */
  @SuppressWarnings("unchecked")
  private static final Set<String> NO_TAGS =
      (Set<String>) (Object) scala.collection.immutable.Set$.MODULE$.empty();

  private final Serialization serialization;

  /** Called by the read journal with the arguments of every DAO. */
  public TagOrderedReadJournalDao(
      JdbcBackend.JdbcDatabaseDef db,
      JdbcProfile profile,
      ReadJournalConfig readJournalConfig,
      Serialization serialization,
      ExecutionContext ec,
      Materializer mat) {
    super(db, profile, readJournalConfig, serialization, ec, mat);
    this.serialization = serialization;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Source<Try<Tuple3<PersistentRepr, Set<String>, Object>>, NotUsed> eventsByTag(
      String tag, long offset, long maxOffset, long max) {
    DBIOAction read =
        SimpleJdbcAction.apply(
            context ->
                rows(context.connection(), tag, offset, maxOffset, (int) Math.min(max, 10_000)));
    scala.concurrent.Future<List<JournalPekkoSerializationRow>> page = db().run(read);
    return org.apache.pekko.stream.javadsl.Source.completionStage(FutureConverters.asJava(page))
        .mapConcat(rows -> rows)
        .map(TagOrderedReadJournalDao.this::event)
        .asScala();
  }

  private Try<Tuple3<PersistentRepr, Set<String>, Object>> event(JournalPekkoSerializationRow row) {
    return PekkoSerialization.fromRow(serialization, row)
        .map(read -> new Tuple3<>(read._1(), NO_TAGS, read._2()));
  }

  private static List<JournalPekkoSerializationRow> rows(
      Connection connection, String tag, long offset, long maxOffset, int max) {
    List<JournalPekkoSerializationRow> page = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(EVENTS_BY_TAG)) {
      query.setString(1, tag);
      query.setLong(2, offset);
      query.setLong(3, maxOffset);
      query.setInt(4, max);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          page.add(row(rows));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not read the events tagged '" + tag + "': " + e.getMessage(), e);
    }
    return page;
  }

  private static JournalPekkoSerializationRow row(ResultSet rows) throws SQLException {
    int metaSerId = rows.getInt(12);
    Option<Object> meta = rows.wasNull() ? Option.empty() : Option.apply(metaSerId);
    return new JournalPekkoSerializationRow(
        rows.getLong(1),
        rows.getBoolean(2),
        rows.getString(3),
        rows.getLong(4),
        rows.getString(5),
        rows.getLong(6),
        rows.getString(7),
        rows.getBytes(8),
        rows.getInt(9),
        rows.getString(10),
        Option.apply(rows.getBytes(11)),
        meta,
        Option.apply(rows.getString(13)));
  }
}
