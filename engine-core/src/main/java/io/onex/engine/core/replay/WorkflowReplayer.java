package io.onex.engine.core.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.Intent;
import io.onex.engine.core.OperatorActions;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.error.MigrationRefusedException;
import io.onex.engine.core.error.WorkflowException;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.machine.InstanceMachine;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays recorded histories through registered definitions, like Temporal's WorkflowReplayer but
 * showing where and how a version disagrees.
 *
 * <p>{@link #stateAt} rebuilds an instance as it was right after a given event, with the versions
 * that recorded the history. {@link #replay} runs the history's actions through another version and
 * compares every event: accepted, same state digest, same intents; at the first divergence it
 * reports the state the recorded version reaches, the state the other version reaches, their
 * differences, and both sets of intents. Pure and thread-safe.
 */
public final class WorkflowReplayer {

  private final WorkflowRegistry registry;

  private WorkflowReplayer(WorkflowRegistry registry) {
    this.registry = registry;
  }

  /** A replayer resolving definition versions in {@code registry}. */
  public static WorkflowReplayer of(WorkflowRegistry registry) {
    return new WorkflowReplayer(registry);
  }

  /**
   * The instance right after event {@code sequence} of {@code history} (which starts at event 1),
   * computed with the recorded definition versions and checked against the recorded digests.
   */
  public WorkflowInstance<Object> stateAt(List<WorkflowEvent> history, long sequence) {
    if (sequence < 1 || sequence > history.size()) {
      throw new IllegalArgumentException(
          "Expected a sequence number from 1 to " + history.size() + ", but got " + sequence);
    }
    // a migration is a checkpoint: what came before it was replayed by the version it chose
    int from = 0;
    for (int i = 0; i < sequence; i++) {
      if (OperatorActions.MIGRATE.equals(history.get(i).action().type())) {
        from = i;
      }
    }
    WorkflowInstance<Object> instance = null;
    for (WorkflowEvent event : history.subList(from, (int) sequence)) {
      instance = recorded(event).replay(instance, event);
    }
    return instance;
  }

  /**
   * What a migration of the instance of {@code history} to {@code version} journals: the instance
   * as that version rebuilds it from the whole history. Throws {@link MigrationRefusedException}
   * naming the first diverging event when the version does not replay the history.
   */
  public OperatorActions.Migrate migrationTo(List<WorkflowEvent> history, int version) {
    ReplayReport report = replay(history, version);
    WorkflowEvent last = history.get(history.size() - 1);
    if (!report.agrees()) {
      Divergence divergence = report.firstDivergence();
      throw new MigrationRefusedException(
          last.workflowType(),
          last.instanceId(),
          version,
          "it diverges from the history at event "
              + divergence.sequence()
              + " ("
              + divergence.reason()
              + (divergence.error() == null ? "" : ": " + divergence.error())
              + ")");
    }
    WorkflowInstance<Object> rebuilt = replayedBy(history, version);
    return new OperatorActions.Migrate(
        last.definitionVersion(),
        version,
        last.sequence(),
        rebuilt.epoch(),
        rebuilt.status(),
        rebuilt.statusReason(),
        EngineJson.mapper().valueToTree(rebuilt.state()),
        rebuilt.pendingIntents(),
        rebuilt.fence());
  }

  /** The instance as {@code version} rebuilds it from {@code history}. */
  private WorkflowInstance<Object> replayedBy(List<WorkflowEvent> history, int version) {
    InstanceMachine<Object, Object> candidate =
        machine(registry.require(history.get(0).workflowType(), version));
    WorkflowInstance<Object> actual = null;
    for (WorkflowEvent event : history) {
      actual = candidate.reapply(actual, event).instance();
    }
    return actual;
  }

  /** Replays {@code history} against version {@code version} of its workflow type. */
  public ReplayReport replay(List<WorkflowEvent> history, int version) {
    if (history.isEmpty()) {
      throw new IllegalArgumentException("Expected a history with at least its start event");
    }
    WorkflowEvent first = history.get(0);
    InstanceMachine<Object, Object> candidate =
        machine(registry.require(first.workflowType(), version));
    List<EventCheck> checks = new ArrayList<>();
    Divergence divergence = null;
    WorkflowInstance<Object> expected = null;
    WorkflowInstance<Object> actual = null;
    for (WorkflowEvent event : history) {
      expected = recordedState(expected, event);
      Applied<Object> applied;
      try {
        applied = candidate.reapply(actual, event);
      } catch (WorkflowException refused) {
        checks.add(new EventCheck(event.sequence(), event.action().type(), false, false, false));
        if (divergence == null) {
          divergence =
              divergence(event, "refused", refused.getMessage(), expected, null, List.of());
        }
        break;
      }
      boolean sameState = applied.event().stateDigest().equals(event.stateDigest());
      boolean sameIntents = sameJson(applied.event().intents(), event.intents());
      checks.add(
          new EventCheck(event.sequence(), event.action().type(), true, sameState, sameIntents));
      if (divergence == null && !(sameState && sameIntents)) {
        divergence =
            divergence(
                event,
                sameState ? "intents" : "state",
                null,
                expected,
                applied.instance(),
                applied.event().intents());
      }
      actual = applied.instance();
    }
    return new ReplayReport(first.workflowType(), first.instanceId(), version, checks, divergence);
  }

  /**
   * Whether two values are the same JSON: compared as written, so that a number read back from a
   * journal or a file equals the number the reducer produced.
   */
  private static boolean sameJson(Object a, Object b) {
    return normalized(a).equals(normalized(b));
  }

  private static JsonNode normalized(Object value) {
    try {
      return EngineJson.mapper().readTree(EngineJson.canonical().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not compare intents as JSON", e);
    }
  }

  private WorkflowInstance<Object> recordedState(
      WorkflowInstance<Object> previous, WorkflowEvent event) {
    if (previous == null && !event.isStart()) {
      return null;
    }
    Optional<WorkflowDefinition<?, ?>> recorded =
        registry.find(event.workflowType(), event.definitionVersion());
    if (recorded.isEmpty()) {
      return null;
    }
    try {
      return machine(recorded.get()).replay(previous, event);
    } catch (WorkflowException e) {
      return null;
    }
  }

  private static Divergence divergence(
      WorkflowEvent event,
      String reason,
      String error,
      WorkflowInstance<Object> expected,
      WorkflowInstance<Object> actual,
      List<Intent> actualIntents) {
    JsonNode expectedState =
        expected == null ? null : EngineJson.mapper().valueToTree(expected.state());
    JsonNode actualState = actual == null ? null : EngineJson.mapper().valueToTree(actual.state());
    return new Divergence(
        event.sequence(),
        reason,
        event,
        error,
        expectedState,
        actualState,
        expectedState == null || actualState == null
            ? List.of()
            : JsonDiff.between(expectedState, actualState),
        event.intents(),
        actualIntents);
  }

  private InstanceMachine<Object, Object> recorded(WorkflowEvent event) {
    return machine(registry.require(event.workflowType(), event.definitionVersion()));
  }

  @SuppressWarnings("unchecked")
  private static InstanceMachine<Object, Object> machine(WorkflowDefinition<?, ?> definition) {
    return InstanceMachine.of((WorkflowDefinition<Object, Object>) definition);
  }
}
