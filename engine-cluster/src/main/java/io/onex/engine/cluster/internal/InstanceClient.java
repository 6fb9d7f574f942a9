package io.onex.engine.cluster.internal;

import io.onex.engine.core.Action;
import io.onex.engine.core.OperatorActions;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.client.ActionOutcome;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceControls;
import io.onex.engine.core.client.InstanceCounts;
import io.onex.engine.core.client.InstanceHandle;
import io.onex.engine.core.client.InstancePage;
import io.onex.engine.core.client.InstanceQuery;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.client.WorkflowClient;
import io.onex.engine.core.client.WorkflowHistory;
import io.onex.engine.core.error.EngineUnavailableException;
import io.onex.engine.core.error.InvalidIdentifierException;
import io.onex.engine.core.error.UnknownActionException;
import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceIndex;
import io.onex.engine.persistence.InstanceReply;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * The engine's {@link WorkflowClient}: checks each request's address, lets the lease gate admit
 * actions to single-writer instances, stamps the action with the node's clock, and asks the
 * instance through Cluster Sharding.
 */
final class InstanceClient implements WorkflowClient {

  private final ActorSystem<?> system;
  private final InstanceShards shards;
  private final InstanceRequests requests;
  private final LeaseGate leaseGate;
  private final JournalAvailability journal;
  private final WorkflowHistory history;
  private final InstanceControls controls;
  private final InstanceIndex index;
  private final Clock clock;
  private final Duration endWatchRenewal;
  private final AtomicLong watchers = new AtomicLong();

  InstanceClient(
      ActorSystem<?> system,
      InstanceShards shards,
      InstanceRequests requests,
      LeaseGate leaseGate,
      JournalAvailability journal,
      WorkflowHistory history,
      InstanceControls controls,
      InstanceIndex index,
      Clock clock,
      Duration endWatchRenewal) {
    this.system = system;
    this.shards = shards;
    this.requests = requests;
    this.leaseGate = leaseGate;
    this.journal = journal;
    this.history = history;
    this.controls = controls;
    this.index = index;
    this.clock = clock;
    this.endWatchRenewal = endWatchRenewal;
  }

  @Override
  public CompletionStage<InstanceView> start(String workflowType, StartRequest request) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkType(workflowType);
          String instanceId =
              request.instanceId() == null
                  ? UUID.randomUUID().toString()
                  : InvalidIdentifierException.requireValid("instanceId", request.instanceId());
          Action action = request.toAction(clock.instant());
          return journal.guard(
              () ->
                  leaseGate
                      .admitStart(workflowType, instanceId, action)
                      .thenCompose(
                          admitted ->
                              requests.ask(
                                  workflowType,
                                  instanceId,
                                  replyTo -> new InstanceCommand.Start(action, replyTo),
                                  InstanceReply.Accepted::instance)));
        });
  }

  @Override
  public CompletionStage<ActionOutcome> send(
      String workflowType, String instanceId, ActionRequest request) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkAddress(workflowType, instanceId);
          if (OperatorActions.isOperator(request.type())) {
            WorkflowDefinition<?, ?> definition = requests.definition(workflowType);
            throw new UnknownActionException(
                workflowType, definition.version(), request.type(), definition.actions().keySet());
          }
          Action action = request.toAction(clock.instant());
          return journal.guard(
              () ->
                  leaseGate
                      .admit(workflowType, instanceId, action)
                      .thenCompose(
                          admitted ->
                              requests.ask(
                                  workflowType,
                                  instanceId,
                                  replyTo -> new InstanceCommand.Apply(action, replyTo),
                                  accepted ->
                                      new ActionOutcome(accepted.instance(), accepted.intents()))));
        });
  }

  @Override
  public CompletionStage<InstanceView> get(String workflowType, String instanceId) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkAddress(workflowType, instanceId);
          return requests.ask(
              workflowType, instanceId, InstanceCommand.Get::new, InstanceReply.Accepted::instance);
        });
  }

  @Override
  public InstanceHandle instance(String workflowType, String instanceId) {
    requests.checkAddress(workflowType, instanceId);
    return new ShardedInstanceHandle(workflowType, instanceId, this);
  }

  @Override
  public WorkflowHistory history() {
    return history;
  }

  @Override
  public InstanceControls controls() {
    return controls;
  }

  @Override
  public CompletionStage<InstancePage> list(InstanceQuery query) {
    return InstanceRequests.attempt(
        () -> {
          if (query.workflowType() != null) {
            requests.checkType(query.workflowType());
          }
          if (query.pageToken() != null) {
            InstanceIndex.checkPageToken(query.pageToken());
          }
          return unavailableIfFailed(index.list(query));
        });
  }

  @Override
  public CompletionStage<InstanceCounts> counts(String workflowType) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkType(workflowType);
          return unavailableIfFailed(index.counts(workflowType));
        });
  }

  /** A failed read of the index means its database did not answer: the engine is unavailable. */
  private static <T> CompletionStage<T> unavailableIfFailed(CompletionStage<T> read) {
    return read.exceptionallyCompose(
        error ->
            CompletableFuture.failedFuture(
                new EngineUnavailableException(
                    "The instance index could not be read: " + InstanceRequests.rootCause(error),
                    error,
                    EngineUnavailableException.JOURNAL_UNREACHABLE)));
  }

  /** Completes once the instance ended; see {@link InstanceHandle#awaitEnd(Duration)}. */
  CompletionStage<InstanceView> awaitEnd(String workflowType, String instanceId, Duration timeout) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkAddress(workflowType, instanceId);
          CompletableFuture<InstanceReply> answer = new CompletableFuture<>();
          Runnable timedOut =
              () ->
                  answer.completeExceptionally(
                      new EngineUnavailableException(
                          "Expected workflow instance '"
                              + instanceId
                              + "' of type '"
                              + workflowType
                              + "' to end within "
                              + timeout.toMillis()
                              + " ms, but it has not",
                          null));
          system.systemActorOf(
              EndWatcher.create(
                  shards.entityRef(workflowType, instanceId),
                  endWatchRenewal,
                  timeout,
                  answer,
                  timedOut),
              "onex-end-watcher-" + watchers.incrementAndGet(),
              Props.empty());
          return answer.thenApplyAsync(
              reply -> requests.accepted(workflowType, reply, InstanceReply.Accepted::instance),
              system.executionContext());
        });
  }
}
