/**
 * The EFFECT side of the engine: the {@link io.onex.engine.effects.IntentExecutor} that carries out
 * the intents reducers emit (priorities, retries with backoff, circuit breakers), the registry of
 * {@link io.onex.engine.effects.EffectHandlers}, and the port {@link
 * io.onex.engine.effects.IntentReports} through which outcomes return to their instances. Nothing
 * here knows how instances are stored or hosted.
 */
package io.onex.engine.effects;
