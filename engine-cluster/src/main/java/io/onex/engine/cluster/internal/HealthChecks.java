package io.onex.engine.cluster.internal;

import io.onex.engine.cluster.EngineHealth;
import io.onex.engine.persistence.DivergedInstances;
import io.onex.engine.persistence.HistoryInspector;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The node's health checks: {@code journal} (the journal database answers a query within the ask
 * timeout) and {@code cluster} (this node is an Up member), both critical; {@code instances} (no
 * instance of the cluster has diverged, as the journal database lists them), which is not: a
 * diverged instance refuses actions, the node serves every other.
 */
final class HealthChecks {

  private final ActorSystem<?> system;
  private final HistoryInspector journal;
  private final DivergedInstances diverged;
  private final Duration timeout;
  private final Executor executor;

  HealthChecks(
      ActorSystem<?> system,
      HistoryInspector journal,
      DivergedInstances diverged,
      Duration timeout,
      Executor executor) {
    this.system = system;
    this.journal = journal;
    this.diverged = diverged;
    this.timeout = timeout;
    this.executor = executor;
  }

  CompletionStage<EngineHealth> run() {
    MemberStatus status = Cluster.get(system).selfMember().status();
    EngineHealth.Check cluster =
        new EngineHealth.Check(status == MemberStatus.up(), "member " + status);
    CompletableFuture<EngineHealth.Check> reachable =
        journal
            .ping()
            .toCompletableFuture()
            .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .handle(
                (done, error) ->
                    error == null
                        ? new EngineHealth.Check(true, "reachable")
                        : new EngineHealth.Check(
                            false, "unreachable: " + InstanceRequests.rootCause(error)));
    CompletableFuture<EngineHealth.Check> instances =
        diverged
            .list()
            .toCompletableFuture()
            .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .handle(HealthChecks::instancesCheck);
    return reachable.thenCombineAsync(
        instances,
        (journalCheck, instancesCheck) ->
            new EngineHealth(
                Map.of("journal", journalCheck, "cluster", cluster, "instances", instancesCheck)),
        executor);
  }

  private static EngineHealth.Check instancesCheck(Map<String, String> listed, Throwable error) {
    if (error != null) {
      return new EngineHealth.Check(false, "unknown: " + InstanceRequests.rootCause(error), false);
    }
    if (listed.isEmpty()) {
      return new EngineHealth.Check(true, "no instance diverged", false);
    }
    return new EngineHealth.Check(
        false,
        "diverged: "
            + listed.entrySet().stream()
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                .collect(Collectors.joining("; ")),
        false);
  }
}
