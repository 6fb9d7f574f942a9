package io.onex.engine.effects.handlers;

import com.typesafe.config.Config;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.effect.HandlerHealth;
import io.onex.engine.core.json.EngineJson;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes intents to the log, with their correlation id, intent id and idempotency key in the MDC:
 * the {@code log} handler, and the {@code notification} handler until a real channel is wired.
 */
public final class LogEffectHandler implements EffectHandler {

  private final String handlerType;
  private Logger logger = LoggerFactory.getLogger("io.onex.effects");

  public LogEffectHandler(String handlerType) {
    this.handlerType = handlerType;
  }

  @Override
  public String handlerType() {
    return handlerType;
  }

  @Override
  public void initialize(Config config) {
    if (config.hasPath("logger")) {
      logger = LoggerFactory.getLogger(config.getString("logger"));
    }
  }

  @Override
  public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
    try (var correlation = MDC.putCloseable("correlationId", request.correlationId());
        var intent = MDC.putCloseable("intentId", request.intent().intentId());
        var key = MDC.putCloseable("idempotencyKey", request.idempotencyKey())) {
      // the payload only at DEBUG: it may hold personal data
      logger.info(
          "{} for {} of {} '{}'",
          handlerType,
          request.target(),
          request.workflowType(),
          request.instanceId());
      logger.debug("{} for {} payload: {}", handlerType, request.target(), request.payload());
    }
    return CompletableFuture.completedFuture(
        EffectResult.of(EngineJson.mapper().createObjectNode().put("logged", true)));
  }

  @Override
  public HandlerDescription describe() {
    return new HandlerDescription(
        handlerType, "Writes the intent to the log", Map.of("logger", logger.getName()));
  }

  @Override
  public CompletionStage<HandlerHealth> healthCheck() {
    return CompletableFuture.completedFuture(HandlerHealth.healthy("logging"));
  }
}
