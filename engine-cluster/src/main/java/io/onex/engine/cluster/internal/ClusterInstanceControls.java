package io.onex.engine.cluster.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.engine.core.Action;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.OperatorActions;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.ActionOutcome;
import io.onex.engine.core.client.BulkTermination;
import io.onex.engine.core.client.InstanceControls;
import io.onex.engine.core.client.InstancePage;
import io.onex.engine.core.client.InstanceQuery;
import io.onex.engine.core.client.InstanceSummary;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.SkipRequest;
import io.onex.engine.core.client.WorkflowHistory;
import io.onex.engine.core.error.InvalidPayloadException;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.replay.WorkflowReplayer;
import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceIndex;
import io.onex.engine.persistence.InstanceReply;
import io.onex.engine.persistence.InstanceRetention;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The engine's {@link InstanceControls}: builds each operator action ({@link OperatorActions}) and
 * asks the instance through Cluster Sharding. Retry and migrate read the instance's history first:
 * retry to find the failed intent as it was emitted, migrate to replay it with the target version.
 */
final class ClusterInstanceControls implements InstanceControls {

  private final InstanceRequests requests;
  private final JournalAvailability journal;
  private final WorkflowHistory history;
  private final WorkflowRegistry registry;
  private final WorkflowReplayer replayer;
  private final InstanceIndex index;
  private final InstanceRetention retention;
  private final Clock clock;
  private final Executor executor;

  /** Who the operator actions are applied for, or null. */
  private final String principal;

  /** Controls acting for {@code principal}, or for nobody in particular when it is null. */
  ClusterInstanceControls(
      InstanceRequests requests,
      JournalAvailability journal,
      WorkflowHistory history,
      WorkflowRegistry registry,
      InstanceIndex index,
      InstanceRetention retention,
      Clock clock,
      Executor executor,
      String principal) {
    this.principal = principal;
    this.requests = requests;
    this.journal = journal;
    this.history = history;
    this.registry = registry;
    this.replayer = WorkflowReplayer.of(registry);
    this.index = index;
    this.retention = retention;
    this.clock = clock;
    this.executor = executor;
  }

  @Override
  public InstanceControls onBehalfOf(String who) {
    return new ClusterInstanceControls(
        requests, journal, history, registry, index, retention, clock, executor, who);
  }

  @Override
  public CompletionStage<InstanceView> terminate(
      String workflowType, String instanceId, String reason) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkAddress(workflowType, instanceId);
          ObjectNode payload = EngineJson.mapper().createObjectNode();
          payload.put("reason", requireReason("termination", reason));
          return apply(workflowType, instanceId, operatorAction(OperatorActions.TERMINATE, payload))
              .thenApply(ActionOutcome::instance);
        });
  }

  @Override
  public CompletionStage<ActionOutcome> retryIntent(
      String workflowType, String instanceId, String intentId, String reason) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkAddress(workflowType, instanceId);
          String why = requireReason("retry", reason);
          return history
              .export(workflowType, instanceId)
              .thenCompose(
                  events -> {
                    Intent intent = failedIntent(events, intentId);
                    return apply(
                        workflowType,
                        instanceId,
                        operatorAction(
                            OperatorActions.RETRY_INTENT,
                            EngineJson.mapper()
                                .valueToTree(new OperatorActions.RetryIntent(intent, why))));
                  });
        });
  }

  @Override
  public CompletionStage<ActionOutcome> skipIntent(
      String workflowType, String instanceId, String intentId, SkipRequest outcome) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkAddress(workflowType, instanceId);
          String why = requireReason("skip", outcome.reason());
          return journal.guard(
              () ->
                  requests.ask(
                      workflowType,
                      instanceId,
                      replyTo ->
                          new InstanceCommand.SkipIntent(
                              intentId,
                              outcome.succeeded(),
                              outcome.result(),
                              outcome.error(),
                              why,
                              principal,
                              replyTo),
                      ClusterInstanceControls::outcome));
        });
  }

  @Override
  public CompletionStage<InstanceView> migrate(
      String workflowType, String instanceId, int toVersion) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkAddress(workflowType, instanceId);
          registry.require(workflowType, toVersion);
          return history
              .export(workflowType, instanceId)
              .thenComposeAsync(
                  events ->
                      apply(
                          workflowType,
                          instanceId,
                          operatorAction(
                              OperatorActions.MIGRATE,
                              EngineJson.mapper()
                                  .valueToTree(replayer.migrationTo(events, toVersion)))),
                  executor)
              .thenApply(ActionOutcome::instance);
        });
  }

  @Override
  public CompletionStage<Void> erase(String workflowType, String instanceId) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkAddress(workflowType, instanceId);
          return journal.guard(
              () ->
                  requests
                      .ask(
                          workflowType,
                          instanceId,
                          InstanceCommand.Retire::new,
                          InstanceReply.Accepted::instance)
                      .thenCompose(ended -> retention.erase(workflowType, instanceId)));
        });
  }

  @Override
  public CompletionStage<BulkTermination> terminateAll(
      InstanceQuery query, String reason, boolean dryRun) {
    return InstanceRequests.attempt(
        () -> {
          if (query.workflowType() != null) {
            requests.checkType(query.workflowType());
          }
          String why = requireReason("termination", reason);
          return unfinished(query, new ArrayList<>())
              .thenCompose(
                  matched ->
                      dryRun
                          ? CompletableFuture.completedFuture(
                              new BulkTermination(true, matched, List.of(), List.of()))
                          : terminateEach(matched, why));
        });
  }

  /** Every unfinished instance of every page of {@code query}, in order. */
  private CompletionStage<List<InstanceSummary>> unfinished(
      InstanceQuery query, List<InstanceSummary> found) {
    return index
        .list(query)
        .thenCompose(
            (InstancePage page) -> {
              page.instances().stream().filter(row -> !row.status().isFinal()).forEach(found::add);
              return page.nextPageToken() == null
                  ? CompletableFuture.completedFuture(found)
                  : unfinished(query.withPageToken(page.nextPageToken()), found);
            });
  }

  private CompletionStage<BulkTermination> terminateEach(
      List<InstanceSummary> matched, String reason) {
    List<String> terminated = Collections.synchronizedList(new ArrayList<>());
    List<String> failed = Collections.synchronizedList(new ArrayList<>());
    CompletionStage<Void> all = CompletableFuture.completedFuture(null);
    for (InstanceSummary row : matched) {
      String name = row.type() + "/" + row.instanceId();
      all =
          all.thenCompose(
              previous ->
                  terminate(row.type(), row.instanceId(), reason)
                      .handle(
                          (view, error) -> {
                            if (error == null) {
                              terminated.add(name);
                            } else {
                              failed.add(name + ": " + InstanceRequests.rootCause(error));
                            }
                            return null;
                          }));
    }
    return all.thenApply(done -> new BulkTermination(false, matched, terminated, failed));
  }

  /**
   * The intent {@code intentId} as emitted, if its latest outcome in {@code events} is a failure.
   */
  private static Intent failedIntent(List<WorkflowEvent> events, String intentId) {
    Intent emitted = null;
    boolean failed = false;
    for (WorkflowEvent event : events) {
      for (Intent intent : event.intents()) {
        if (intent.intentId().equals(intentId)) {
          emitted = intent;
          failed = false;
        }
      }
      if (IntentOutcome.isOutcome(event.action().type())
          && intentId.equals(event.action().payload().path("intentId").asText())) {
        failed = IntentOutcome.FAILED.equals(event.action().type());
      }
    }
    if (emitted == null) {
      throw new InvalidPayloadException(
          "retry", "intentId", "the instance emitted no intent '" + intentId + "'");
    }
    if (!failed) {
      throw new InvalidPayloadException(
          "retry",
          "intentId",
          "intent '" + intentId + "' has not failed: it is pending or it succeeded");
    }
    return emitted;
  }

  private CompletionStage<ActionOutcome> apply(
      String workflowType, String instanceId, Action action) {
    return journal.guard(
        () ->
            requests.ask(
                workflowType,
                instanceId,
                replyTo -> new InstanceCommand.Apply(action, replyTo),
                ClusterInstanceControls::outcome));
  }

  private static ActionOutcome outcome(InstanceReply.Accepted accepted) {
    return new ActionOutcome(accepted.instance(), accepted.intents());
  }

  private Action operatorAction(String type, com.fasterxml.jackson.databind.JsonNode payload) {
    return Action.builder(type)
        .payload(payload)
        .metadata(principal == null ? Map.of() : Map.of(Action.PRINCIPAL_METADATA, principal))
        .issuedAt(clock.instant())
        .build();
  }

  private static String requireReason(String what, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidPayloadException(what, "reason", "expected a non-empty reason");
    }
    return reason;
  }
}
