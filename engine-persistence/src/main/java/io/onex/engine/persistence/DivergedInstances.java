package io.onex.engine.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The diverged instances, kept in the journal database (table {@code onex_diverged_instances}) so
 * that every node of a cluster sees them and they outlive restarts: the node that recovers an
 * instance records its divergence, and removes it once the instance recovers with a fixed
 * definition. Writes are asynchronous, on {@code blocking}; a write that fails is logged and made
 * again at the instance's next recovery. Thread-safe.
 */
public final class DivergedInstances implements DivergenceLog, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DivergedInstances.class);

  private final HikariDataSource dataSource;
  private final JournalSettings.Dialect dialect;
  private final Executor blocking;
  private final Clock clock;
  // What the table held at the last read or write of this node: a recovered instance is deleted
  // only if it may be listed, so that ordinary recoveries cost no write.
  private final Set<String> listed = ConcurrentHashMap.newKeySet();
  // Divergences this node recorded whose write has not completed yet, so that its own list shows
  // them at once.
  private final Map<String, String> pending = new ConcurrentHashMap<>();

  private DivergedInstances(JournalSettings settings, Executor blocking, Clock clock) {
    this.dataSource = settings.openPool("onex-diverged-instances", 2);
    this.dialect = settings.dialect();
    this.blocking = blocking;
    this.clock = clock;
  }

  /**
   * Opens the list in the journal database of {@code settings} (its table is created with the
   * journal schema) and reads it once.
   */
  public static DivergedInstances open(JournalSettings settings, Executor blocking, Clock clock) {
    DivergedInstances instances = new DivergedInstances(settings, blocking, clock);
    instances.list();
    return instances;
  }

  /** The diverged instances, {@code <type>/<id>} to why, sorted; fails when unreadable. */
  public CompletionStage<Map<String, String>> list() {
    return CompletableFuture.supplyAsync(
        () -> {
          Map<String, String> diverged = new TreeMap<>();
          try (Connection connection = dataSource.getConnection();
              PreparedStatement query =
                  connection.prepareStatement(
                      "SELECT workflow_type, instance_id, detail FROM onex_diverged_instances");
              ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              diverged.put(rows.getString(1) + "/" + rows.getString(2), rows.getString(3));
            }
          } catch (SQLException e) {
            throw new IllegalStateException(
                "Could not read the diverged instances: " + e.getMessage(), e);
          }
          diverged.putAll(pending);
          listed.clear();
          listed.addAll(diverged.keySet());
          return diverged;
        },
        blocking);
  }

  @Override
  public void diverged(String workflowType, String instanceId, String detail) {
    String key = workflowType + "/" + instanceId;
    listed.add(key);
    pending.put(key, detail);
    write(
            dialect == JournalSettings.Dialect.POSTGRES
                ? "INSERT INTO onex_diverged_instances (workflow_type, instance_id, detail, since)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (workflow_type, instance_id)"
                    + " DO UPDATE SET detail = EXCLUDED.detail, since = EXCLUDED.since"
                : "MERGE INTO onex_diverged_instances (workflow_type, instance_id, detail, since)"
                    + " KEY (workflow_type, instance_id) VALUES (?, ?, ?, ?)",
            workflowType,
            instanceId,
            detail.length() > 4000 ? detail.substring(0, 4000) : detail)
        .whenComplete((written, error) -> pending.remove(key));
  }

  @Override
  public void recovered(String workflowType, String instanceId) {
    pending.remove(workflowType + "/" + instanceId);
    if (listed.remove(workflowType + "/" + instanceId)) {
      write(
          "DELETE FROM onex_diverged_instances WHERE workflow_type = ? AND instance_id = ?",
          workflowType,
          instanceId,
          null);
    }
  }

  private CompletableFuture<Void> write(
      String sql, String workflowType, String instanceId, String detail) {
    return CompletableFuture.runAsync(
        () -> {
          try (Connection connection = dataSource.getConnection();
              PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, workflowType);
            statement.setString(2, instanceId);
            if (detail != null) {
              statement.setString(3, detail);
              statement.setTimestamp(4, Timestamp.from(clock.instant()));
            }
            statement.executeUpdate();
          } catch (SQLException e) {
            log.warn(
                "Could not record the divergence of instance '{}' of type '{}'; it is recorded"
                    + " again when the instance next recovers: {}",
                instanceId,
                workflowType,
                e.getMessage());
          }
        },
        blocking);
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
