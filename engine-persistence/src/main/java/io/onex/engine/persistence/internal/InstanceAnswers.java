package io.onex.engine.persistence.internal;

import io.onex.engine.core.Action;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import io.onex.engine.persistence.InstanceReply;
import io.onex.engine.persistence.internal.InstanceState.Active;
import io.onex.engine.persistence.internal.InstanceState.Diverged;
import java.util.List;
import java.util.Optional;

/**
 * How an instance answers: the view after an accepted request (as its event left it, so that a
 * repeated keyed request gets exactly the same answer), and the view of the instance as it is now
 * (with the executor's progress, or marked {@code DIVERGED} with the last state that replayed).
 */
final class InstanceAnswers {

  private final ExecutionProgress progress;

  InstanceAnswers(ExecutionProgress progress) {
    this.progress = progress;
  }

  /** The original answer, if {@code state} already applied an action with this action's key. */
  static Optional<InstanceReply.Accepted> repeated(InstanceState state, Action action) {
    return state instanceof InstanceState.Active active
        ? active.idempotency().find(action.idempotencyKey())
        : Optional.empty();
  }

  /** The answer to the request whose event led to {@code applied}. */
  static InstanceReply.Accepted answer(Applied<Object> applied) {
    return new InstanceReply.Accepted(
        InstanceView.of(applied.instance(), applied.stateJson()), applied.event().intents());
  }

  /** The instance as it is now, or why it cannot be shown. */
  InstanceReply current(InstanceState state) {
    if (state instanceof Diverged diverged) {
      if (diverged.lastGood() == null) {
        return new InstanceReply.Failed(diverged.error());
      }
      InstanceView last = view(diverged.lastGood());
      return new InstanceReply.Accepted(
          last.withStatus(InstanceStatus.DIVERGED, diverged.error().message()), List.of());
    }
    return new InstanceReply.Accepted(view(((Active) state).instance()), List.of());
  }

  /** {@code instance} with its pending intents' progress. */
  InstanceView view(WorkflowInstance<Object> instance) {
    return InstanceView.of(instance, progress.pendingOf(instance));
  }
}
