package io.onex.engine.core.effect;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Carries out intents of one {@link #handlerType()} (for example {@code http}, {@code jdbc}): the
 * I/O that reducers only describe.
 *
 * <p>Contract: {@link #initialize} is called once before any {@link #execute}; {@link #execute} may
 * be called concurrently and again for the same intent (after a crash or a timeout), always with
 * the same {@link EffectRequest#idempotencyKey()}, which the handler passes on or checks so that a
 * repeated delivery has no second effect. A failed stage with an {@link EffectException} says
 * whether a retry may help; any other failure is treated as retryable. {@link #shutdown} is called
 * once when the node stops.
 */
public interface EffectHandler {

  /** The intent type this handler carries out. */
  String handlerType();

  /**
   * Prepares the handler with its section of the configuration ({@code onex.handlers.<type>}). Does
   * nothing by default.
   */
  default void initialize(Config config) {}

  /** Releases the handler's resources, waiting at most {@code timeout}. Holds none by default. */
  default CompletionStage<Void> shutdown(Duration timeout) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Carries out one attempt of an intent; completes with the result handed to the reducer.
   *
   * @param request the intent, its instance and the attempt's number
   * @param operationConfig the operation's settings (ONEX's ModelOperationConfig): the intent's
   *     metadata, over the target's own section {@code onex.handlers.<type>.targets.<target>} when
   *     that section is an object (for example {@code {url, method, path}}); empty when neither
   *     says anything. Keys are the metadata's names as they are, not paths.
   */
  CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig);

  /** What the handler does and how it is set up, for operators. */
  HandlerDescription describe();

  /** Whether the handler can do its work now; healthy by default. */
  default CompletionStage<HandlerHealth> healthCheck() {
    return CompletableFuture.completedFuture(HandlerHealth.healthy("no check"));
  }
}
