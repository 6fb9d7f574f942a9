package io.onex.engine.persistence.internal;

import com.typesafe.config.Config;
import io.onex.engine.core.InternalApi;
import io.onex.engine.persistence.EventTags;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and clears the offsets that Pekko Projection's JDBC offset store keeps (table {@code
 * pekko.projection.jdbc.offset-store.table}): for the lag of a projection, and to start one over.
 * The table's and columns' names are looked up in the database's metadata, since the store quotes
 * them per dialect.
 */
@InternalApi
public final class OffsetTable {

  private final String table;
  private volatile Names names;

  private record Names(String table, String name, String key, String offset) {}

  public OffsetTable(Config projectionJdbc) {
    this.table = projectionJdbc.getString("offset-store.table");
  }

  /** The stored offsets of projection {@code projection} by key, for sequence offsets. */
  public Map<String, Long> sequenceOffsets(Connection connection, String projection)
      throws SQLException {
    Names n = names(connection);
    Map<String, Long> offsets = new HashMap<>();
    if (n == null) {
      return offsets;
    }
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT "
                + n.key()
                + ", "
                + n.offset()
                + " FROM "
                + n.table()
                + " WHERE "
                + n.name()
                + " = ?")) {
      query.setString(1, projection);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          offsets.put(rows.getString(1), Long.parseLong(rows.getString(2)));
        }
      }
    }
    return offsets;
  }

  /**
   * How many events tagged with the slice tags of {@code slices} slices ({@code EventTags.ofSlice})
   * lie past the offsets projection {@code projection} stored for them.
   */
  public long sliceLag(Connection connection, String projection, int slices) throws SQLException {
    Map<String, Long> done = sequenceOffsets(connection, projection);
    long lag = 0;
    try (PreparedStatement count =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM \"event_tag\" WHERE \"tag\" = ? AND \"event_id\" > ?")) {
      for (int slice = 0; slice < slices; slice++) {
        String tag = EventTags.ofSlice(slice);
        count.setString(1, tag);
        count.setLong(2, done.getOrDefault(tag, 0L));
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          lag += rows.getLong(1);
        }
      }
    }
    return lag;
  }

  /** Removes every stored offset of projection {@code projection}. */
  public void clear(Connection connection, String projection) throws SQLException {
    Names n = names(connection);
    if (n == null) {
      return;
    }
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM " + n.table() + " WHERE " + n.name() + " = ?")) {
      delete.setString(1, projection);
      delete.executeUpdate();
    }
  }

  private Names names(Connection connection) throws SQLException {
    Names known = names;
    if (known != null) {
      return known;
    }
    DatabaseMetaData metadata = connection.getMetaData();
    String found = null;
    try (ResultSet tables = metadata.getTables(null, null, "%", new String[] {"TABLE"})) {
      while (tables.next()) {
        if (tables.getString("TABLE_NAME").equalsIgnoreCase(table)) {
          found = tables.getString("TABLE_NAME");
          break;
        }
      }
    }
    if (found == null) {
      return null;
    }
    Map<String, String> columns = new HashMap<>();
    try (ResultSet rows = metadata.getColumns(null, null, found, "%")) {
      while (rows.next()) {
        String column = rows.getString("COLUMN_NAME");
        columns.put(column.toLowerCase(Locale.ROOT), quoted(column));
      }
    }
    known =
        new Names(
            quoted(found),
            columns.get("projection_name"),
            columns.get("projection_key"),
            columns.get("current_offset"));
    names = known;
    return known;
  }

  private static String quoted(String name) {
    return "\"" + name + "\"";
  }
}
