package io.onex.engine.core.machine;

import io.onex.engine.core.Action;
import io.onex.engine.core.Intent;
import io.onex.engine.core.TimerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** The actions durable timers apply when they are due. Stateless. */
public final class TimerActions {

  private TimerActions() {}

  /**
   * The action a due timer applies: its id is derived from the timer intent, its causation is the
   * intent, and it carries the intent's id in its metadata so that applying it resolves the timer.
   */
  public static Action firedBy(Intent timer, TimerRequest request) {
    String actionId =
        UUID.nameUUIDFromBytes((timer.intentId() + "/fired").getBytes(StandardCharsets.UTF_8))
            .toString();
    return Action.builder(request.action())
        .actionId(actionId)
        .payload(request.payload())
        .correlationId(timer.correlationId())
        .causationId(timer.intentId())
        .correlationChain(timer.correlationChain())
        .parentActionId(timer.emittingActionId())
        .metadata(Map.of(TIMER_METADATA, timer.intentId()))
        .issuedAt(request.fireAt())
        .build();
  }

  /** Metadata key marking an action fired by a timer, valued with the timer intent's id. */
  public static final String TIMER_METADATA = "onex.timer";
}
