package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.persistence.AwaitingInstances.Address;
import io.onex.engine.persistence.JournalSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of table {@code onex_awaiting_instances}: one row per instance that awaits an intent's
 * outcome or a timer, with the sequence number of the latest event known to have left it awaiting.
 * Every write keeps the higher sequence number, so writes may arrive in any order: a row is only
 * removed by a settlement at or after its sequence number.
 */
@InternalApi
public final class AwaitingTable {

  /** A change to the table: an instance awaits since {@code sequence}, or is settled at it. */
  public record Change(Address address, long sequence, boolean awaiting) {}

  private final String upsert;

  public AwaitingTable(JournalSettings.Dialect dialect) {
    this.upsert =
        dialect == JournalSettings.Dialect.POSTGRES
            ? "INSERT INTO onex_awaiting_instances (workflow_type, instance_id, sequence_number)"
                + " VALUES (?, ?, ?) ON CONFLICT (workflow_type, instance_id) DO UPDATE SET"
                + " sequence_number = GREATEST(onex_awaiting_instances.sequence_number,"
                + " EXCLUDED.sequence_number)"
            : "MERGE INTO onex_awaiting_instances t USING (VALUES (CAST(? AS VARCHAR(200)),"
                + " CAST(? AS VARCHAR(200)), CAST(? AS BIGINT))) s (workflow_type, instance_id,"
                + " sequence_number) ON t.workflow_type = s.workflow_type AND t.instance_id ="
                + " s.instance_id WHEN MATCHED AND t.sequence_number < s.sequence_number THEN"
                + " UPDATE SET sequence_number = s.sequence_number WHEN NOT MATCHED THEN INSERT"
                + " (workflow_type, instance_id, sequence_number) VALUES (s.workflow_type,"
                + " s.instance_id, s.sequence_number)";
  }

  /** Applies {@code changes} in their order, in the caller's transaction. */
  public void apply(Connection connection, List<Change> changes) throws SQLException {
    try (PreparedStatement awaiting = connection.prepareStatement(upsert);
        PreparedStatement settled =
            connection.prepareStatement(
                "DELETE FROM onex_awaiting_instances WHERE workflow_type = ? AND instance_id = ?"
                    + " AND sequence_number <= ?")) {
      for (Change change : changes) {
        PreparedStatement statement = change.awaiting() ? awaiting : settled;
        statement.setString(1, change.address().workflowType());
        statement.setString(2, change.address().instanceId());
        statement.setLong(3, change.sequence());
        statement.executeUpdate();
      }
    }
  }

  /**
   * Up to {@code limit} awaiting instances after {@code after} (null: from the first), in order.
   */
  public List<Address> page(Connection connection, Address after, int limit) throws SQLException {
    String sql =
        "SELECT workflow_type, instance_id FROM onex_awaiting_instances"
            + (after == null ? "" : " WHERE (workflow_type, instance_id) > (?, ?)")
            + " ORDER BY workflow_type, instance_id LIMIT "
            + limit;
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      if (after != null) {
        query.setString(1, after.workflowType());
        query.setString(2, after.instanceId());
      }
      List<Address> page = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          page.add(new Address(rows.getString(1), rows.getString(2)));
        }
      }
      return page;
    }
  }
}
