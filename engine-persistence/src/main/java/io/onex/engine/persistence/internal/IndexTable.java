package io.onex.engine.persistence.internal;

import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.client.InstanceCounts;
import io.onex.engine.core.client.InstancePage;
import io.onex.engine.core.client.InstanceQuery;
import io.onex.engine.core.client.InstanceSummary;
import io.onex.engine.persistence.JournalSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SQL of the instance index: table {@code onex_instances} (one row per instance) and {@code
 * onex_instance_attributes} (one row per search attribute with a value). Every write keeps the row
 * of the highest sequence number, so rows may be written in any order and any number of times. An
 * instance whose recovery diverged ({@code onex_diverged_instances}) reads as {@code DIVERGED}.
 */
@InternalApi
public final class IndexTable {

  private static final String COLUMNS =
      "workflow_type, instance_id, status, definition_version, started_at_ms, updated_at_ms,"
          + " last_sequence, correlation_id, pending_intents, failure_reason";
  private static final String ADVANCE =
      "UPDATE onex_instances SET status = ?, definition_version = ?, updated_at_ms = ?,"
          + " last_sequence = ?, pending_intents = ?, failure_reason = ?"
          + " WHERE workflow_type = ? AND instance_id = ? AND last_sequence < ?";
  private static final String STATUS =
      "CASE WHEN d.instance_id IS NULL THEN i.status ELSE 'DIVERGED' END";

  private final String upsert;

  public IndexTable(JournalSettings.Dialect dialect) {
    this.upsert =
        dialect == JournalSettings.Dialect.POSTGRES
            ? "INSERT INTO onex_instances ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workflow_type, instance_id)"
                + " DO UPDATE SET status = EXCLUDED.status, definition_version ="
                + " EXCLUDED.definition_version, started_at_ms = EXCLUDED.started_at_ms,"
                + " updated_at_ms = EXCLUDED.updated_at_ms, last_sequence = EXCLUDED.last_sequence,"
                + " correlation_id = EXCLUDED.correlation_id, pending_intents ="
                + " EXCLUDED.pending_intents, failure_reason = EXCLUDED.failure_reason"
                + " WHERE onex_instances.last_sequence < EXCLUDED.last_sequence"
            : "MERGE INTO onex_instances t USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS"
                + " VARCHAR(200)), CAST(? AS VARCHAR(20)), CAST(? AS INTEGER), CAST(? AS BIGINT),"
                + " CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS VARCHAR(512)), CAST(? AS"
                + " INTEGER), CAST(? AS VARCHAR(4000)))) s ("
                + COLUMNS
                + ") ON t.workflow_type = s.workflow_type AND t.instance_id = s.instance_id"
                + " WHEN MATCHED AND t.last_sequence < s.last_sequence THEN UPDATE SET status ="
                + " s.status, definition_version = s.definition_version, started_at_ms ="
                + " s.started_at_ms, updated_at_ms = s.updated_at_ms, last_sequence ="
                + " s.last_sequence, correlation_id = s.correlation_id, pending_intents ="
                + " s.pending_intents, failure_reason = s.failure_reason WHEN NOT MATCHED THEN"
                + " INSERT ("
                + COLUMNS
                + ") VALUES (s.workflow_type, s.instance_id, s.status, s.definition_version,"
                + " s.started_at_ms, s.updated_at_ms, s.last_sequence, s.correlation_id,"
                + " s.pending_intents, s.failure_reason)";
  }

  /**
   * Writes {@code rows} in the caller's transaction: a complete row creates or replaces the
   * instance's entry, a partial one advances an existing entry; neither goes back to a lower
   * sequence number. Returns how many rows changed the index.
   */
  public int apply(Connection connection, List<IndexRow> rows) throws SQLException {
    List<IndexRow> written = new ArrayList<>();
    try (PreparedStatement complete = connection.prepareStatement(upsert);
        PreparedStatement partial = connection.prepareStatement(ADVANCE)) {
      List<IndexRow> completeRows = new ArrayList<>();
      List<IndexRow> partialRows = new ArrayList<>();
      for (IndexRow row : rows) {
        if (row.isComplete()) {
          bindComplete(complete, row);
          complete.addBatch();
          completeRows.add(row);
        } else {
          bindPartial(partial, row);
          partial.addBatch();
          partialRows.add(row);
        }
      }
      collect(completeRows.isEmpty() ? new int[0] : complete.executeBatch(), completeRows, written);
      collect(partialRows.isEmpty() ? new int[0] : partial.executeBatch(), partialRows, written);
    }
    writeAttributes(connection, written);
    return written.size();
  }

  private static void collect(int[] counts, List<IndexRow> rows, List<IndexRow> written) {
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
        written.add(rows.get(i));
      }
    }
  }

  private static void bindComplete(PreparedStatement statement, IndexRow row) throws SQLException {
    statement.setString(1, row.workflowType());
    statement.setString(2, row.instanceId());
    statement.setString(3, row.status().name());
    statement.setInt(4, row.version());
    statement.setLong(5, row.startedAt());
    statement.setLong(6, row.updatedAt());
    statement.setLong(7, row.lastSequence());
    statement.setString(8, row.correlationId());
    statement.setInt(9, row.pendingIntents());
    statement.setString(10, truncated(row.failureReason(), 4000));
  }

  private static void bindPartial(PreparedStatement statement, IndexRow row) throws SQLException {
    statement.setString(1, row.status().name());
    statement.setInt(2, row.version());
    statement.setLong(3, row.updatedAt());
    statement.setLong(4, row.lastSequence());
    statement.setInt(5, row.pendingIntents());
    statement.setString(6, truncated(row.failureReason(), 4000));
    statement.setString(7, row.workflowType());
    statement.setString(8, row.instanceId());
    statement.setLong(9, row.lastSequence());
  }

  private static void writeAttributes(Connection connection, List<IndexRow> rows)
      throws SQLException {
    List<IndexRow> withAttributes = rows.stream().filter(row -> row.attributes() != null).toList();
    if (withAttributes.isEmpty()) {
      return;
    }
    try (PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM onex_instance_attributes WHERE workflow_type = ? AND instance_id = ?");
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO onex_instance_attributes (workflow_type, instance_id, name,"
                    + " attribute_value) VALUES (?, ?, ?, ?)")) {
      for (IndexRow row : withAttributes) {
        delete.setString(1, row.workflowType());
        delete.setString(2, row.instanceId());
        delete.addBatch();
        for (Map.Entry<String, String> attribute : row.attributes().entrySet()) {
          insert.setString(1, row.workflowType());
          insert.setString(2, row.instanceId());
          insert.setString(3, attribute.getKey());
          insert.setString(4, truncated(attribute.getValue(), 1000));
          insert.addBatch();
        }
      }
      delete.executeBatch();
      insert.executeBatch();
    }
  }

  /** The page of {@code query}, at most {@code pageSize} instances. */
  public InstancePage page(Connection connection, InstanceQuery query, int pageSize)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT i.workflow_type, i.instance_id, "
                + STATUS
                + ", i.definition_version, i.started_at_ms, i.updated_at_ms, i.last_sequence,"
                + " i.correlation_id, i.pending_intents, i.failure_reason FROM onex_instances i"
                + " LEFT JOIN onex_diverged_instances d ON d.workflow_type = i.workflow_type AND"
                + " d.instance_id = i.instance_id WHERE 1 = 1");
    List<Object> parameters = new ArrayList<>();
    if (query.workflowType() != null) {
      sql.append(" AND i.workflow_type = ?");
      parameters.add(query.workflowType());
    }
    if (!query.statuses().isEmpty()) {
      sql.append(" AND ").append(STATUS).append(" IN (");
      String separator = "";
      for (InstanceStatus status : query.statuses()) {
        sql.append(separator).append('?');
        parameters.add(status.name());
        separator = ", ";
      }
      sql.append(')');
    }
    if (query.version() != null) {
      sql.append(" AND i.definition_version = ?");
      parameters.add(query.version());
    }
    if (query.startedAfter() != null) {
      sql.append(" AND i.started_at_ms > ?");
      parameters.add(query.startedAfter().toEpochMilli());
    }
    if (query.updatedBefore() != null) {
      sql.append(" AND i.updated_at_ms < ?");
      parameters.add(query.updatedBefore().toEpochMilli());
    }
    query
        .attributes()
        .forEach(
            (name, value) -> {
              sql.append(
                  " AND EXISTS (SELECT 1 FROM onex_instance_attributes a WHERE a.workflow_type ="
                      + " i.workflow_type AND a.instance_id = i.instance_id AND a.name = ? AND"
                      + " a.attribute_value = ?)");
              parameters.add(name);
              parameters.add(value);
            });
    if (query.pageToken() != null) {
      PageToken after = PageToken.decode(query.pageToken());
      sql.append(" AND (i.started_at_ms, i.workflow_type, i.instance_id) < (?, ?, ?)");
      parameters.add(after.startedAt());
      parameters.add(after.workflowType());
      parameters.add(after.instanceId());
    }
    sql.append(" ORDER BY i.started_at_ms DESC, i.workflow_type DESC, i.instance_id DESC LIMIT ")
        .append(pageSize + 1);
    List<InstanceSummary> found = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(summary(rows));
        }
      }
    }
    boolean more = found.size() > pageSize;
    List<InstanceSummary> page = more ? found.subList(0, pageSize) : found;
    page = withAttributes(connection, page);
    String next = null;
    if (more) {
      InstanceSummary last = page.get(page.size() - 1);
      next =
          new PageToken(last.startedAt().toEpochMilli(), last.type(), last.instanceId()).encode();
    }
    return new InstancePage(page, next);
  }

  private static InstanceSummary summary(ResultSet rows) throws SQLException {
    return new InstanceSummary(
        rows.getString(1),
        rows.getString(2),
        InstanceStatus.valueOf(rows.getString(3)),
        rows.getInt(4),
        Instant.ofEpochMilli(rows.getLong(5)),
        Instant.ofEpochMilli(rows.getLong(6)),
        rows.getLong(7),
        rows.getString(8),
        rows.getInt(9),
        rows.getString(10),
        Map.of());
  }

  private static List<InstanceSummary> withAttributes(
      Connection connection, List<InstanceSummary> page) throws SQLException {
    if (page.isEmpty()) {
      return page;
    }
    StringBuilder sql =
        new StringBuilder(
            "SELECT workflow_type, instance_id, name, attribute_value FROM onex_instance_attributes"
                + " WHERE ");
    for (int i = 0; i < page.size(); i++) {
      sql.append(i == 0 ? "" : " OR ").append("(workflow_type = ? AND instance_id = ?)");
    }
    Map<String, Map<String, String>> byInstance = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      int index = 1;
      for (InstanceSummary summary : page) {
        statement.setString(index++, summary.type());
        statement.setString(index++, summary.instanceId());
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          byInstance
              .computeIfAbsent(rows.getString(1) + "|" + rows.getString(2), k -> new TreeMap<>())
              .put(rows.getString(3), rows.getString(4));
        }
      }
    }
    return page.stream()
        .map(
            summary -> {
              Map<String, String> attributes =
                  byInstance.get(summary.type() + "|" + summary.instanceId());
              return attributes == null ? summary : summary.withSearchAttributes(attributes);
            })
        .toList();
  }

  /** How many instances of {@code workflowType} are indexed, per version and per status. */
  public InstanceCounts counts(Connection connection, String workflowType) throws SQLException {
    Map<Integer, Long> byVersion = new TreeMap<>();
    Map<InstanceStatus, Long> byStatus = new EnumMap<>(InstanceStatus.class);
    long total = 0;
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT i.definition_version, "
                + STATUS
                + ", COUNT(*) FROM onex_instances i LEFT JOIN onex_diverged_instances d ON"
                + " d.workflow_type = i.workflow_type AND d.instance_id = i.instance_id"
                + " WHERE i.workflow_type = ? GROUP BY i.definition_version, "
                + STATUS)) {
      statement.setString(1, workflowType);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          long count = rows.getLong(3);
          byVersion.merge(rows.getInt(1), count, Long::sum);
          byStatus.merge(InstanceStatus.valueOf(rows.getString(2)), count, Long::sum);
          total += count;
        }
      }
    }
    return new InstanceCounts(workflowType, total, byVersion, byStatus);
  }

  /** Empties the index (not the projection offsets). */
  public void clear(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM onex_instance_attributes");
      statement.executeUpdate("DELETE FROM onex_instances");
    }
  }

  /** Every indexed row's last sequence number, by {@code type|id}: for checks and the CLI. */
  public Map<String, Long> sequences(Connection connection) throws SQLException {
    Map<String, Long> sequences = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT workflow_type, instance_id, last_sequence FROM onex_instances"
                    + " ORDER BY workflow_type, instance_id")) {
      while (rows.next()) {
        sequences.put(rows.getString(1) + "|" + rows.getString(2), rows.getLong(3));
      }
    }
    return sequences;
  }

  private static String truncated(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }
}
