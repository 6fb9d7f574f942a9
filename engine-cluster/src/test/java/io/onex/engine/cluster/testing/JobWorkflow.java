package io.onex.engine.cluster.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.ReduceContext;
import io.onex.engine.core.Reducer;
import io.onex.engine.core.Transition;
import io.onex.engine.core.WorkflowDefinition;
import java.util.Map;

/**
 * A job for cluster tests: notes can be added to it, {@code Run} emits one {@code work} intent, and
 * the intent's success completes the job.
 */
public final class JobWorkflow {

  public static final String TYPE = "job";
  public static final String INTENT_TYPE = "work";

  private JobWorkflow() {}

  /** The job's actions. */
  public sealed interface JobAction {}

  public record Note(String text) implements JobAction {}

  public record Run() implements JobAction {}

  public record JobStart() {}

  public record Job(int notes, boolean ran) {}

  public static WorkflowDefinition<Job, JobAction> definition() {
    var anyObject = JsonNodeFactory.instance.objectNode().put("type", "object");
    return WorkflowDefinition.<Job, JobAction>builder(TYPE, 1)
        .state(Job.class, anyObject)
        .start(JobStart.class, anyObject, (input, context) -> new Job(0, false))
        .action("Note", Note.class, anyObject)
        .action("Run", Run.class, anyObject)
        .reducer(new JobReducer())
        .build();
  }

  private static final class JobReducer implements Reducer<Job, JobAction> {

    @Override
    public Transition<Job> reduce(Job state, JobAction action, ReduceContext context) {
      if (action instanceof Note) {
        return Transition.to(new Job(state.notes() + 1, state.ran()));
      }
      return Transition.to(new Job(state.notes(), true))
          .emit(
              context
                  .intent(INTENT_TYPE, "job-runner")
                  .payload(Map.of("job", context.instanceId()))
                  .build());
    }

    @Override
    public Transition<Job> onOutcome(
        Job state, Intent intent, IntentOutcome outcome, ReduceContext context) {
      return outcome instanceof IntentOutcome.Succeeded
          ? Transition.to(state).complete()
          : Transition.to(state).fail("the work failed");
    }
  }
}
