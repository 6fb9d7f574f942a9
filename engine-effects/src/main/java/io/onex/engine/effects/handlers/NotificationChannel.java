package io.onex.engine.effects.handlers;

import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerHealth;
import java.util.concurrent.CompletionStage;

/** One configured way out for notifications: a webhook or an email sender. */
sealed interface NotificationChannel permits WebhookChannel, EmailChannel {

  /** Sends the notification the request's intent describes. */
  CompletionStage<EffectResult> send(EffectRequest request);

  /** Whether the channel can send now. */
  CompletionStage<HandlerHealth> check();

  /** What the channel is, for operators (no secrets). */
  String describe();
}
