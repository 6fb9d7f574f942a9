package io.onex.engine.orchestrator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A workflow type defined as data (seed 001's ORCHESTRATOR contract): its type and version, the
 * JSON Schema of its start input, its steps and how they are coordinated. {@link WorkflowSpecs}
 * parses and validates one; {@link SpecWorkflow#definition} turns it into a {@link
 * io.onex.engine.core.WorkflowDefinition} run by the built-in orchestrating reducer, so history,
 * replay, versions and the cluster treat it like any Java workflow. Immutable.
 *
 * @param type the workflow type name
 * @param version the version; a registered version never changes
 * @param description what the workflow does, for people
 * @param coordination how the steps are coordinated; {@link Coordination#SEQUENTIAL} by default
 * @param input the JSON Schema of the start input; any object when absent
 * @param output the template of the output built when every step is done, or {@code null}
 * @param pipeline the list streamed through the steps ({@link Coordination#PIPELINE} only)
 * @param cancelChildren whether cancelling an instance terminates its child workflows; true by
 *     default
 * @param steps the steps, in the order written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowSpec(
    String type,
    int version,
    String description,
    Coordination coordination,
    JsonNode input,
    JsonNode output,
    Pipeline pipeline,
    Boolean cancelChildren,
    List<StepSpec> steps) {

  public WorkflowSpec {
    coordination = coordination == null ? Coordination.SEQUENTIAL : coordination;
    cancelChildren = cancelChildren == null ? Boolean.TRUE : cancelChildren;
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** The step named {@code name}, if there is one. */
  public Optional<StepSpec> step(String name) {
    return steps.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * The list streamed through a {@link Coordination#PIPELINE}: the expression giving it, the chunk
   * size, and how many chunks may be in flight at once.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Pipeline(String items, Integer chunkSize, Integer parallelism) {

    public Pipeline {
      chunkSize = chunkSize == null ? 100 : chunkSize;
      parallelism = parallelism == null ? 4 : parallelism;
    }
  }
}
