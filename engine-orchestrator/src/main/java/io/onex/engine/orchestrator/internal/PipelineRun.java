package io.onex.engine.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.orchestrator.FailurePolicy;
import io.onex.engine.orchestrator.OrchestrationState.Phase;
import io.onex.engine.orchestrator.OrchestrationState.Pipeline;
import io.onex.engine.orchestrator.OrchestrationState.StepStatus;
import io.onex.engine.orchestrator.StepSpec;
import io.onex.engine.orchestrator.internal.CompiledSpec.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline part of one reducer call ({@link Progress}): the list is cut into chunks, each
 * passes the steps in order, at most {@code parallelism} chunks in flight; repeated or late chunk
 * outcomes are ignored.
 */
final class PipelineRun {

  private final Progress p;

  PipelineRun(Progress progress) {
    this.p = progress;
  }

  void advance() {
    if (p.state.phase() != Phase.RUNNING) {
      return;
    }
    Pipeline pipeline = p.state.pipeline();
    ArrayNode items = pipelineItems();
    if (items == null) {
      p.end(Phase.FAILED, "pipeline.items " + p.spec.spec().pipeline().items() + " is not a list");
      return;
    }
    int size = p.spec.spec().pipeline().chunkSize();
    if (pipeline == null) {
      int chunkCount = (int) ((items.size() + (long) size - 1) / size);
      pipeline = new Pipeline(chunkCount, 0, Map.of(), 0, Map.of());
      for (Step step : p.spec.steps().values()) {
        p.started(
            step, StepStatus.RUNNING, null, pipeline.chunkCount() + " chunk(s) of up to " + size);
      }
    }
    Step first = p.spec.steps().values().iterator().next();
    Map<String, Integer> inFlight = new LinkedHashMap<>(pipeline.inFlight());
    int next = pipeline.nextChunk();
    while (inFlight.size() < p.spec.spec().pipeline().parallelism()
        && next < pipeline.chunkCount()) {
      Optional<Intent> intent = chunkIntent(first, next, items, NullNode.getInstance());
      if (intent.isEmpty()) {
        return;
      }
      p.intents.add(intent.get());
      inFlight.put(Integer.toString(next), 0);
      next++;
    }
    pipeline =
        new Pipeline(
            pipeline.chunkCount(), next, inFlight, pipeline.chunksDone(), pipeline.results());
    p.state = p.state.withPipeline(pipeline);
    if (pipeline.chunksDone() == pipeline.chunkCount()) {
      for (Step step : p.spec.steps().values()) {
        if (p.state.steps().get(step.name()).status() == StepStatus.RUNNING) {
          p.state = p.state.counted();
          int order = p.state.completions();
          int chunks = pipeline.chunkCount();
          p.state =
              p.state.withStep(
                  step.name(),
                  s -> s.ended(StepStatus.COMPLETED, chunks, null, null, p.context.now(), order));
          p.record(step, "COMPLETED", chunks + " chunk(s)");
        }
      }
      p.completeWithOutput();
    }
  }

  private ArrayNode pipelineItems() {
    try {
      JsonNode items = Expressions.evaluate(p.spec.spec().pipeline().items(), p.context(null));
      return items.isArray() ? (ArrayNode) items : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The intent taking chunk {@code chunk} through {@code step}; empty, with the instance failed,
   * when the step's input cannot be built for it.
   */
  private Optional<Intent> chunkIntent(Step step, int chunk, ArrayNode items, JsonNode previous) {
    int size = p.spec.spec().pipeline().chunkSize();
    ArrayNode slice = EngineJson.mapper().createArrayNode();
    for (int i = chunk * size; i < Math.min(items.size(), (chunk + 1) * size); i++) {
      slice.add(items.get(i));
    }
    ObjectNode chunkContext = (ObjectNode) p.context(step);
    chunkContext.set("chunk", slice);
    chunkContext.put("chunkIndex", chunk);
    chunkContext.set("previous", previous);
    StepSpec s = step.spec();
    JsonNode input;
    try {
      input = Expressions.render(s.input(), chunkContext);
    } catch (IllegalArgumentException e) {
      String why = "chunk " + chunk + ": " + e.getMessage();
      p.state = p.state.withStep(step.name(), st -> st.failed(why, p.context.now()));
      p.record(step, "FAILED", why);
      p.end(Phase.FAILED, "step '" + step.name() + "' failed on " + why);
      return Optional.empty();
    }
    return Optional.of(
        p.intent(
            s.handler(),
            s.target(),
            input,
            step,
            s.metadata(),
            Map.of(CompiledSpec.CHUNK, Integer.toString(chunk))));
  }

  void outcome(Step step, int chunk, IntentOutcome outcome) {
    Integer stageOfChunk = p.state.pipeline().inFlight().get(Integer.toString(chunk));
    if (p.state.phase() != Phase.RUNNING || stageOfChunk == null || stageOfChunk != step.index()) {
      return; // an outcome of a chunk no longer at this stage (an operator's retry, a repeat)
    }
    JsonNode result;
    if (outcome instanceof IntentOutcome.Succeeded success) {
      result = success.result();
    } else {
      String error = ((IntentOutcome.Failed) outcome).error();
      if (step.spec().onFailure() != FailurePolicy.SKIP) {
        p.record(step, "FAILED", "chunk " + chunk + ": " + error);
        p.state =
            p.state.withStep(
                step.name(), s -> s.failed("chunk " + chunk + ": " + error, p.context.now()));
        p.end(Phase.FAILED, "step '" + step.name() + "' failed on chunk " + chunk + ": " + error);
        return;
      }
      p.record(step, "SKIPPED", "chunk " + chunk + ": " + error);
      result = NullNode.getInstance();
    }
    List<Step> stages = new ArrayList<>(p.spec.steps().values());
    Pipeline pipeline = p.state.pipeline();
    Map<String, Integer> inFlight = new LinkedHashMap<>(pipeline.inFlight());
    Map<String, JsonNode> results = new LinkedHashMap<>(pipeline.results());
    int done = pipeline.chunksDone();
    int stage = step.index() + 1;
    if (stage < stages.size()) {
      Optional<Intent> intent = chunkIntent(stages.get(stage), chunk, pipelineItems(), result);
      if (intent.isEmpty()) {
        return;
      }
      p.intents.add(intent.get());
      inFlight.put(Integer.toString(chunk), stage);
    } else {
      inFlight.remove(Integer.toString(chunk));
      results.put(Integer.toString(chunk), result);
      done++;
    }
    p.state =
        p.state.withPipeline(
            new Pipeline(pipeline.chunkCount(), pipeline.nextChunk(), inFlight, done, results));
  }
}
