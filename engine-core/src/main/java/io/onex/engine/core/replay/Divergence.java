package io.onex.engine.core.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.Intent;
import io.onex.engine.core.WorkflowEvent;
import java.util.List;

/**
 * The first event where a definition version disagrees with a recorded history: the event, why
 * ({@code refused}, {@code state} or {@code intents}), the state the recorded version reaches there
 * and the state the replayed version reaches (with their differences), and both sets of intents.
 * {@code error} says why the action was refused, when it was.
 */
public record Divergence(
    long sequence,
    String reason,
    WorkflowEvent event,
    String error,
    JsonNode expectedState,
    JsonNode actualState,
    List<StateDifference> stateDifferences,
    List<Intent> expectedIntents,
    List<Intent> actualIntents) {}
