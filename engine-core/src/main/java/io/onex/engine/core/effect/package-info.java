/**
 * The effect-handler SPI (the ONEX ProtocolHandler): how intents are carried out. Handlers are
 * registered by {@link io.onex.engine.core.effect.EffectHandler#handlerType()}, configured at node
 * start and shut down with it; the engine calls them with retries, timeouts and circuit breakers
 * around them, never from a reducer.
 */
package io.onex.engine.core.effect;
