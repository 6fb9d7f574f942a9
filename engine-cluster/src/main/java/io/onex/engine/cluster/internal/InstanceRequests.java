package io.onex.engine.cluster.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.engine.cluster.StartCheck;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.error.EngineUnavailableException;
import io.onex.engine.core.error.InvalidIdentifierException;
import io.onex.engine.core.error.WorkflowException;
import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Asks an instance, wherever it lives, and turns its reply into a value or the typed error it
 * stands for; an instance that does not answer within {@code onex.engine.ask-timeout} fails the
 * request as {@link EngineUnavailableException}. Counts every request by workflow type and result
 * ({@code onex.requests}). Also checks addresses before anything is sent.
 */
final class InstanceRequests {

  private final InstanceShards shards;
  private final io.onex.engine.core.WorkflowRegistry registry;
  private final Duration askTimeout;
  private final Executor executor;
  private final MeterRegistry metrics;

  /** What every start must pass on this node, in the order added. */
  private final List<StartCheck> startChecks = new CopyOnWriteArrayList<>();

  /** The request counters by type and result, looked up once each. */
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  InstanceRequests(
      InstanceShards shards,
      io.onex.engine.core.WorkflowRegistry registry,
      Duration askTimeout,
      Executor executor,
      MeterRegistry metrics) {
    this.shards = shards;
    this.registry = registry;
    this.askTimeout = askTimeout;
    this.executor = executor;
    this.metrics = metrics;
  }

  /**
   * Asks instance {@code instanceId} with {@code command}; maps an acceptance with {@code then}.
   */
  <T> CompletionStage<T> ask(
      String workflowType,
      String instanceId,
      Function<ActorRef<InstanceReply>, InstanceCommand> command,
      Function<InstanceReply.Accepted, T> then) {
    return shards
        .entityRef(workflowType, instanceId)
        .<InstanceReply>ask(command::apply, askTimeout)
        .handleAsync(
            (reply, error) -> {
              if (error != null) {
                count(workflowType, "engine-unavailable");
                throw unavailable(workflowType, instanceId, error);
              }
              return accepted(workflowType, reply, then);
            },
            executor);
  }

  /**
   * The definition version instance {@code instanceId} is pinned to, or {@code null} when it was
   * never started or does not answer; not counted as a request.
   */
  CompletionStage<Integer> pinnedVersion(String workflowType, String instanceId) {
    return shards
        .entityRef(workflowType, instanceId)
        .<InstanceReply>ask(InstanceCommand.Get::new, askTimeout)
        .handleAsync(
            (reply, error) ->
                reply instanceof InstanceReply.Accepted accepted
                    ? accepted.instance().definitionVersion()
                    : null,
            executor);
  }

  /** The value of an accepted {@code reply}, or the error a failed one stands for. */
  <T> T accepted(
      String workflowType, InstanceReply reply, Function<InstanceReply.Accepted, T> then) {
    if (reply instanceof InstanceReply.Failed failed) {
      count(workflowType, failed.error().code());
      throw failed.error().toException();
    }
    count(workflowType, "accepted");
    return then.apply((InstanceReply.Accepted) reply);
  }

  /** Checks that {@code workflowType} is a valid, registered type. */
  void checkType(String workflowType) {
    definition(workflowType);
  }

  /** The latest definition of {@code workflowType}, checking the name. */
  WorkflowDefinition<?, ?> definition(String workflowType) {
    InvalidIdentifierException.requireValid("workflowType", workflowType);
    return registry.require(workflowType);
  }

  /** The start checks of this node, which callers may add to. */
  List<StartCheck> startChecks() {
    return startChecks;
  }

  /** Runs every start check for instance {@code instanceId} of {@code workflowType}. */
  void checkStart(String workflowType, String instanceId) {
    if (startChecks.isEmpty()) {
      return;
    }
    WorkflowDefinition<?, ?> definition = registry.forNewInstance(workflowType, instanceId);
    for (StartCheck check : startChecks) {
      check.check(definition, instanceId);
    }
  }

  /** Checks the type and that {@code instanceId} is a valid id. */
  void checkAddress(String workflowType, String instanceId) {
    checkType(workflowType);
    InvalidIdentifierException.requireValid("instanceId", instanceId);
  }

  /** Runs {@code call}, turning a validation error it throws into a failed stage. */
  static <T> CompletionStage<T> attempt(Supplier<CompletionStage<T>> call) {
    try {
      return call.get();
    } catch (WorkflowException | IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  EngineUnavailableException unavailable(String type, String id, Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    String why =
        cause instanceof TimeoutException
            ? "did not answer within " + askTimeout.toMillis() + " ms"
            : "failed: " + rootCause(cause);
    return new EngineUnavailableException(
        "Expected workflow instance '" + id + "' of type '" + type + "' to answer, but it " + why,
        cause);
  }

  private void count(String workflowType, String result) {
    counters
        .computeIfAbsent(
            workflowType + '\u0000' + result,
            key -> metrics.counter("onex.requests", "workflowType", workflowType, "result", result))
        .increment();
  }

  static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
