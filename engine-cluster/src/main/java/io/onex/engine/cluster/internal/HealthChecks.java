package io.onex.engine.cluster.internal;

import io.onex.engine.cluster.EngineHealth;
import io.onex.engine.persistence.DivergedInstances;
import io.onex.engine.persistence.HistoryInspector;
import io.onex.engine.persistence.InstanceIndex;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The node's health checks: {@code journal} (the journal database answers a query within the ask
 * timeout) and {@code cluster} (this node is an Up member), both critical; {@code instances} (no
 * instance of the cluster has diverged, as the journal database lists them) and {@code index} (the
 * instance index trails the journal by at most {@code onex.index.lag-degraded-above} events), which
 * are not: a diverged instance refuses actions, the node serves every other.
 */
final class HealthChecks {

  private final ActorSystem<?> system;
  private final HistoryInspector journal;
  private final DivergedInstances diverged;
  private final InstanceIndex index;
  private final long lagDegradedAbove;
  private final Duration timeout;
  private final Executor executor;
  private final Map<String, Supplier<CompletionStage<EngineHealth.Check>>> added =
      new ConcurrentHashMap<>();

  HealthChecks(
      ActorSystem<?> system,
      HistoryInspector journal,
      DivergedInstances diverged,
      InstanceIndex index,
      long lagDegradedAbove,
      Duration timeout,
      Executor executor) {
    this.system = system;
    this.journal = journal;
    this.diverged = diverged;
    this.index = index;
    this.lagDegradedAbove = lagDegradedAbove;
    this.timeout = timeout;
    this.executor = executor;
  }

  void add(String name, Supplier<CompletionStage<EngineHealth.Check>> check) {
    added.put(name, check);
  }

  CompletionStage<EngineHealth> run() {
    CompletionStage<EngineHealth> own = runOwn();
    Map<String, CompletableFuture<EngineHealth.Check>> extra = new TreeMap<>();
    added.forEach((name, check) -> extra.put(name, runAdded(check)));
    return own.thenCombineAsync(
        CompletableFuture.allOf(extra.values().toArray(CompletableFuture[]::new)),
        (health, all) -> {
          Map<String, EngineHealth.Check> checks = new TreeMap<>(health.checks());
          extra.forEach((name, check) -> checks.put(name, check.join()));
          return new EngineHealth(checks);
        },
        executor);
  }

  private CompletableFuture<EngineHealth.Check> runAdded(
      Supplier<CompletionStage<EngineHealth.Check>> check) {
    CompletableFuture<EngineHealth.Check> started;
    try {
      started = check.get().toCompletableFuture();
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e);
    }
    return started
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (result, error) ->
                error == null
                    ? result
                    : new EngineHealth.Check(
                        false, "unknown: " + InstanceRequests.rootCause(error), false));
  }

  private CompletionStage<EngineHealth> runOwn() {
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
    CompletableFuture<EngineHealth.Check> indexed =
        index
            .lag()
            .toCompletableFuture()
            .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .handle(this::indexCheck);
    return reachable
        .thenCombine(
            instances,
            (journalCheck, instancesCheck) ->
                Map.of("journal", journalCheck, "instances", instancesCheck))
        .thenCombineAsync(
            indexed,
            (checks, indexCheck) ->
                new EngineHealth(
                    Map.of(
                        "journal",
                        checks.get("journal"),
                        "cluster",
                        cluster,
                        "instances",
                        checks.get("instances"),
                        "index",
                        indexCheck)),
            executor);
  }

  /** Not critical: a lagging index shows instances late, the engine runs them regardless. */
  private EngineHealth.Check indexCheck(Long lag, Throwable error) {
    if (error != null) {
      return new EngineHealth.Check(false, "unknown: " + InstanceRequests.rootCause(error), false);
    }
    String detail = "lag " + lag + " events";
    return new EngineHealth.Check(lag <= lagDegradedAbove, detail, false);
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
