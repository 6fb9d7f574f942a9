package io.onex.engine.cluster.internal;

import io.onex.engine.core.Action;
import io.onex.engine.core.InstanceStatus;
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
import io.onex.engine.core.error.ErrorCode;
import io.onex.engine.core.error.InvalidIdentifierException;
import io.onex.engine.core.error.UnknownActionException;
import io.onex.engine.core.error.WorkflowError;
import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceIndex;
import io.onex.engine.persistence.InstanceNotice;
import io.onex.engine.persistence.InstanceReply;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

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
  private final InstanceFeeds feeds;

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
      InstanceFeeds feeds) {
    this.system = system;
    this.shards = shards;
    this.requests = requests;
    this.leaseGate = leaseGate;
    this.journal = journal;
    this.history = history;
    this.controls = controls;
    this.index = index;
    this.clock = clock;
    this.feeds = feeds;
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
          requests.checkStart(workflowType, instanceId);
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
          requests.checkStart(workflowType, instanceId);
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

  /**
   * Completes once the instance ended; see {@link InstanceHandle#awaitEnd(Duration)}. Rests on the
   * instance's live feed, the one its event streams follow: nothing polls.
   */
  CompletionStage<InstanceView> awaitEnd(String workflowType, String instanceId, Duration timeout) {
    return InstanceRequests.attempt(
        () -> {
          requests.checkAddress(workflowType, instanceId);
          Source<InstanceNotice, NotUsed> notices = feeds.of(workflowType, instanceId);
          if (timeout != null) {
            notices = notices.completionTimeout(timeout);
          }
          return notices
              .map(InstanceClient::endOf)
              .filter(Optional::isPresent)
              .map(Optional::get)
              .runWith(Sink.head(), system)
              .exceptionallyCompose(
                  error ->
                      CompletableFuture.failedFuture(
                          (error instanceof CompletionException ? error.getCause() : error)
                                  instanceof TimeoutException
                              ? notEnded(workflowType, instanceId, timeout)
                              : error));
        });
  }

  /**
   * The final view {@code notice} carries, if it tells of the instance's end; a diverged instance
   * will not end on its own, so its notice fails the wait.
   */
  private static Optional<InstanceView> endOf(InstanceNotice notice) {
    InstanceView view = null;
    if (notice instanceof InstanceNotice.Ended ended) {
      view = ended.instance();
    } else if (notice instanceof InstanceNotice.Subscribed subscribed) {
      view = subscribed.instance();
    }
    if (view != null && view.status() == InstanceStatus.DIVERGED) {
      throw new WorkflowError(
              ErrorCode.INSTANCE_DIVERGED.code(), view.statusReason(), null, null, null)
          .toException();
    }
    return view != null && view.status().isFinal() ? Optional.of(view) : Optional.empty();
  }

  private static EngineUnavailableException notEnded(
      String workflowType, String instanceId, Duration timeout) {
    return new EngineUnavailableException(
        "Expected workflow instance '"
            + instanceId
            + "' of type '"
            + workflowType
            + "' to end within "
            + timeout.toMillis()
            + " ms, but it has not",
        null);
  }
}
