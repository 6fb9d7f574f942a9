package io.onex.engine.persistence.internal;

import io.onex.engine.core.Intent;
import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceCommand.Redispatch;
import io.onex.engine.persistence.internal.InstanceState.Active;
import java.util.List;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Hands one instance's intents over: timers to its durable timers, every other intent to the
 * dispatcher, which is handed them again every {@code onex.instance.redispatch-after} until none is
 * pending. Not thread-safe: owned by the instance's actor.
 */
final class IntentHandover {

  private final WorkflowRuntime runtime;
  private final String workflowType;
  private final String instanceId;
  private final DurableTimers timers;
  private final TimerScheduler<InstanceCommand> scheduler;

  IntentHandover(
      WorkflowRuntime runtime,
      String workflowType,
      String instanceId,
      DurableTimers timers,
      TimerScheduler<InstanceCommand> scheduler) {
    this.runtime = runtime;
    this.workflowType = workflowType;
    this.instanceId = instanceId;
    this.timers = timers;
    this.scheduler = scheduler;
  }

  /** Arms the timers among {@code intents} and dispatches the rest, outside any trace. */
  void dispatch(List<Intent> intents) {
    dispatch(intents, null);
  }

  /** Arms the timers among {@code intents} and dispatches the rest under {@code traceparent}. */
  void dispatch(List<Intent> intents, String traceparent) {
    boolean handedOver = false;
    for (Intent intent : intents) {
      if (DurableTimers.isTimer(intent)) {
        timers.arm(intent);
      } else {
        runtime.dispatcher().dispatch(workflowType, instanceId, intent, traceparent);
        handedOver = true;
      }
    }
    if (handedOver) {
      scheduler.startTimerWithFixedDelay(
          Redispatch.INSTANCE, Redispatch.INSTANCE, runtime.settings().redispatchAfter());
    }
  }

  /** Dispatches again what {@code state} awaits besides timers, or stops redispatching. */
  void redispatch(InstanceState state) {
    List<Intent> awaiting =
        state instanceof Active active
            ? active.instance().pendingIntents().stream()
                .filter(intent -> !DurableTimers.isTimer(intent))
                .toList()
            : List.of();
    if (awaiting.isEmpty()) {
      scheduler.cancel(Redispatch.INSTANCE);
    } else {
      dispatch(awaiting);
    }
  }
}
