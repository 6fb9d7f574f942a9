package io.onex.engine.core.machine;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.Action;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.core.LeaseFence;
import io.onex.engine.core.StepRecord;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.internal.DefaultReduceContext;
import io.onex.engine.core.internal.StateDigest;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import java.util.List;

/**
 * What deciding an action records: the event to journal (with the digest of the state it leaves)
 * and the instance as that event leaves it. Pure.
 */
final class Recording {

  private Recording() {}

  static <S> Applied<S> of(
      WorkflowDefinition<S, ?> definition,
      DefaultReduceContext context,
      S state,
      List<Intent> intents,
      InstanceStatus status,
      String statusReason,
      List<Intent> pending,
      LeaseFence fence,
      List<StepRecord> steps) {
    Action action = context.action();
    JsonNode stateJson = EngineJson.mapper().valueToTree(state);
    String digest = StateDigest.of(status, statusReason, context.epoch(), stateJson);
    WorkflowEvent event =
        new WorkflowEvent(
            context.eventId(),
            context.workflowType(),
            context.instanceId(),
            context.sequence(),
            context.epoch(),
            action,
            intents,
            action.causationId(),
            context.eventChain(),
            context.definitionVersion(),
            action.issuedAt(),
            status,
            statusReason,
            digest,
            WorkflowEvent.FORMAT,
            pending.size(),
            SearchAttributes.of(definition, stateJson),
            steps);
    WorkflowInstance<S> instance =
        new WorkflowInstance<>(
            context.workflowType(),
            context.instanceId(),
            context.definitionVersion(),
            status,
            statusReason,
            context.sequence(),
            context.sequence() == 1 ? 0 : context.epoch() + 1,
            state,
            digest,
            pending,
            fence);
    return new Applied<>(event, instance, stateJson);
  }
}
