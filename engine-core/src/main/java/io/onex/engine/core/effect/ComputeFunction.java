package io.onex.engine.core.effect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A named pure function run by the compute handler (the ONEX COMPUTE node) for intents of type
 * {@code compute} whose target is its name. Deterministic and free of I/O; may run on any thread.
 *
 * <p>A function that can work on parts of its input implements {@link #chunkable()}: an input
 * object whose {@code items} array is longer than the configured chunk size is then split, each
 * chunk is passed to {@link #apply} in parallel, and the partial results are joined by {@link
 * #combine}.
 */
public interface ComputeFunction {

  /** The result for {@code input}. */
  JsonNode apply(JsonNode input);

  /** Whether {@code items} of the input may be processed in chunks. */
  default boolean chunkable() {
    return false;
  }

  /** Joins the results of the chunks, in input order. Required when {@link #chunkable()}. */
  default JsonNode combine(List<JsonNode> partials) {
    throw new IllegalStateException("A chunkable compute function must combine its partials");
  }
}
