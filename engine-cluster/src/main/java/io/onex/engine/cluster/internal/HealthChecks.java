package io.onex.engine.cluster.internal;

import io.onex.engine.cluster.EngineHealth;
import io.onex.engine.persistence.HistoryInspector;
import io.onex.engine.persistence.WorkflowInstances;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The node's health checks: {@code journal} (the journal database answers a query within the ask
 * timeout), {@code cluster} (this node is an Up member), {@code instances} (which instances
 * diverged on recovery).
 */
final class HealthChecks {

  private final ActorSystem<?> system;
  private final HistoryInspector journal;
  private final WorkflowInstances instances;
  private final Duration timeout;
  private final Executor executor;

  HealthChecks(
      ActorSystem<?> system,
      HistoryInspector journal,
      WorkflowInstances instances,
      Duration timeout,
      Executor executor) {
    this.system = system;
    this.journal = journal;
    this.instances = instances;
    this.timeout = timeout;
    this.executor = executor;
  }

  CompletionStage<EngineHealth> run() {
    MemberStatus status = Cluster.get(system).selfMember().status();
    EngineHealth.Check cluster =
        new EngineHealth.Check(status == MemberStatus.up(), "member " + status);
    return journal
        .ping()
        .toCompletableFuture()
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handleAsync(
            (done, error) -> {
              EngineHealth.Check reachable =
                  error == null
                      ? new EngineHealth.Check(true, "reachable")
                      : new EngineHealth.Check(
                          false, "unreachable: " + InstanceRequests.rootCause(error));
              return new EngineHealth(
                  Map.of("journal", reachable, "cluster", cluster, "instances", instancesCheck()));
            },
            executor);
  }

  private EngineHealth.Check instancesCheck() {
    Map<String, String> diverged = instances.diverged();
    if (diverged.isEmpty()) {
      return new EngineHealth.Check(true, "no instance diverged");
    }
    return new EngineHealth.Check(
        true,
        "diverged: "
            + diverged.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                .collect(Collectors.joining("; ")));
  }
}
