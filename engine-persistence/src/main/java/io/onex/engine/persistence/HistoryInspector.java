package io.onex.engine.persistence;

import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.HistoryPage;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.ReplayCheck;
import io.onex.engine.core.error.InstanceNotFoundException;
import io.onex.engine.core.replay.ReplayReport;
import io.onex.engine.core.replay.WorkflowReplayer;
import io.onex.engine.persistence.internal.HistoryImporter;
import io.onex.engine.persistence.internal.JournalHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Answers questions about journaled histories, for operators and for the history command: the state
 * at any event, whether another definition version agrees with a history, which unfinished
 * instances would diverge, how many instances each version has; and writes exported histories back
 * into a journal. Works on a running node or on a journal alone; thread-safe.
 */
public final class HistoryInspector {

  private final ActorSystem<?> system;
  private final JournalHistory journal;
  private final WorkflowRegistry registry;
  private final WorkflowReplayer replayer;
  private final Executor executor;

  private HistoryInspector(ActorSystem<?> system, WorkflowRegistry registry) {
    this.system = system;
    this.journal = JournalHistory.create(system);
    this.registry = registry;
    this.replayer = WorkflowReplayer.of(registry);
    this.executor = system.executionContext();
  }

  /** An inspector reading the journal configured in {@code system}. */
  public static HistoryInspector create(ActorSystem<?> system, WorkflowRegistry registry) {
    return new HistoryInspector(system, registry);
  }

  /** Up to {@code limit} events of an instance from sequence number {@code fromSeq} on. */
  public CompletionStage<HistoryPage> page(
      String workflowType, String instanceId, long fromSeq, int limit) {
    return journal.page(workflowType, instanceId, fromSeq, limit);
  }

  /** Completes when the journal database answered a query; fails when it is unreachable. */
  public CompletionStage<Done> ping() {
    return journal.ping();
  }

  /** Every event of an instance; fails with {@link InstanceNotFoundException} when it has none. */
  public CompletionStage<List<WorkflowEvent>> history(String workflowType, String instanceId) {
    return journal
        .all(workflowType, instanceId)
        .thenApplyAsync(
            events -> {
              if (events.isEmpty()) {
                throw new InstanceNotFoundException(workflowType, instanceId);
              }
              return events;
            },
            executor);
  }

  /** The instance as it was right after event {@code sequence}. */
  public CompletionStage<InstanceView> stateAt(
      String workflowType, String instanceId, long sequence) {
    return history(workflowType, instanceId)
        .thenApplyAsync(events -> InstanceView.of(replayer.stateAt(events, sequence)), executor);
  }

  /** The instance's history replayed against {@code version}. */
  public CompletionStage<ReplayReport> replay(String workflowType, String instanceId, int version) {
    registry.require(workflowType, version);
    return history(workflowType, instanceId)
        .thenApplyAsync(events -> replayer.replay(events, version), executor);
  }

  /** Every unfinished instance of {@code workflowType} replayed against {@code version}. */
  public CompletionStage<ReplayCheck> replayCheck(String workflowType, int version) {
    registry.require(workflowType, version);
    return journal
        .instanceIds(workflowType)
        .thenComposeAsync(
            ids -> {
              List<CompletableFuture<List<WorkflowEvent>>> histories = new ArrayList<>();
              for (String id : ids) {
                histories.add(journal.all(workflowType, id).toCompletableFuture());
              }
              return CompletableFuture.allOf(histories.toArray(CompletableFuture[]::new))
                  .thenApply(
                      done -> {
                        List<List<WorkflowEvent>> unfinished =
                            histories.stream()
                                .map(CompletableFuture::join)
                                .filter(
                                    h -> !h.isEmpty() && !h.get(h.size() - 1).status().isFinal())
                                .toList();
                        List<ReplayReport> diverging =
                            unfinished.stream()
                                .map(h -> replayer.replay(h, version))
                                .filter(report -> !report.agrees())
                                .toList();
                        return new ReplayCheck(workflowType, version, unfinished.size(), diverging);
                      });
            },
            executor);
  }

  /** How many instances each definition version of {@code workflowType} started. */
  public CompletionStage<Map<Integer, Long>> instancesByVersion(String workflowType) {
    return journal
        .instanceIds(workflowType)
        .thenComposeAsync(
            ids -> {
              List<CompletableFuture<HistoryPage>> starts = new ArrayList<>();
              for (String id : ids) {
                starts.add(journal.page(workflowType, id, 1, 1).toCompletableFuture());
              }
              return CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
                  .thenApply(
                      done ->
                          starts.stream()
                              .map(CompletableFuture::join)
                              .filter(page -> !page.events().isEmpty())
                              .collect(
                                  Collectors.groupingBy(
                                      page -> page.events().get(0).definitionVersion(),
                                      TreeMap::new,
                                      Collectors.counting())));
            },
            executor);
  }

  /**
   * Writes an exported history into the journal, after checking that its recorded versions
   * reproduce every digest; refuses if the journal already holds events of the instance.
   */
  public CompletionStage<Integer> importHistory(List<WorkflowEvent> events, Duration timeout) {
    if (events.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("The history is empty"));
    }
    WorkflowInstance<Object> last = replayer.stateAt(events, events.size());
    WorkflowEvent first = events.get(0);
    ActorRef<HistoryImporter.Import> importer =
        system.systemActorOf(
            HistoryImporter.create(
                first.workflowType(),
                first.instanceId(),
                system.settings().config().getInt("onex.index.slices")),
            "history-import-" + System.nanoTime(),
            Props.empty());
    return AskPattern.<HistoryImporter.Import, HistoryImporter.Result>ask(
            importer,
            replyTo -> new HistoryImporter.Import(events, replyTo),
            timeout,
            system.scheduler())
        .thenApplyAsync(
            result -> {
              system
                  .classicSystem()
                  .stop(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(importer));
              if (result.refusal() != null) {
                throw new IllegalStateException(
                    "Did not import instance '" + last.instanceId() + "': " + result.refusal());
              }
              return result.written();
            },
            executor);
  }
}
