package io.onex.engine.effects.handlers;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.effect.HandlerHealth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Carries out {@code notification} intents through configured channels ({@code
 * onex.handlers.notification.channels.<name>}), the intent's target naming the channel: a {@code
 * webhook} (an HMAC-signed HTTP POST of the payload) or an {@code email} (SMTP, with Jakarta Mail).
 * An intent for a channel that is not configured fails for good, naming the key to set. Webhook
 * answers map like the {@code http} handler's (5xx retryable, other 4xx permanent); an SMTP failure
 * is retryable.
 */
public final class NotificationEffectHandler implements EffectHandler {

  private final ActorSystem<?> system;
  private final Executor blocking;
  private final Map<String, NotificationChannel> channels = new TreeMap<>();

  /** A handler sending mail on {@code blocking}. */
  public NotificationEffectHandler(ActorSystem<?> system, Executor blocking) {
    this.system = system;
    this.blocking = blocking;
  }

  @Override
  public String handlerType() {
    return "notification";
  }

  @Override
  public void initialize(Config config) {
    Config smtp =
        (config.hasPath("smtp") ? config.getConfig("smtp") : ConfigFactory.empty())
            .withFallback(
                ConfigFactory.parseMap(
                    Map.of(
                        "host", "localhost",
                        "port", 25,
                        "user", "",
                        "password", "",
                        "start-tls", false,
                        "timeout", "10s")));
    if (!config.hasPath("channels")) {
      return;
    }
    Config all = config.getConfig("channels");
    for (String name : all.root().keySet()) {
      Config channel = all.getConfig(name);
      String type = channel.hasPath("type") ? channel.getString("type") : "";
      channels.put(
          name,
          switch (type) {
            case "webhook" -> new WebhookChannel(system, name, channel, blocking);
            case "email" -> new EmailChannel(name, channel, smtp, blocking);
            default ->
                throw new IllegalStateException(
                    "Expected onex.handlers.notification.channels."
                        + name
                        + ".type to be webhook or email, but got '"
                        + type
                        + "'");
          });
    }
  }

  @Override
  public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
    NotificationChannel channel = channels.get(request.target());
    if (channel == null) {
      return CompletableFuture.failedFuture(
          EffectException.permanent(
              "unknown-channel",
              "No notification channel '"
                  + request.target()
                  + "' is configured (onex.handlers.notification.channels."
                  + request.target()
                  + ")"));
    }
    return channel.send(request);
  }

  @Override
  public HandlerDescription describe() {
    Map<String, String> settings = new TreeMap<>();
    channels.forEach((name, channel) -> settings.put(name, channel.describe()));
    return new HandlerDescription(
        "notification", "Sends notifications through webhook and email channels", settings);
  }

  @Override
  public CompletionStage<HandlerHealth> healthCheck() {
    if (channels.isEmpty()) {
      return CompletableFuture.completedFuture(HandlerHealth.healthy("no channel configured"));
    }
    List<CompletableFuture<HandlerHealth>> checks =
        channels.values().stream().map(c -> c.check().toCompletableFuture()).toList();
    return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<HandlerHealth> all = checks.stream().map(CompletableFuture::join).toList();
              boolean healthy = all.stream().allMatch(HandlerHealth::healthy);
              String detail = String.join("; ", all.stream().map(HandlerHealth::detail).toList());
              long latency =
                  all.stream()
                      .map(HandlerHealth::latencyMs)
                      .filter(ms -> ms != null)
                      .mapToLong(Long::longValue)
                      .max()
                      .orElse(0);
              String lastError =
                  all.stream()
                      .map(HandlerHealth::lastError)
                      .filter(error -> error != null)
                      .reduce((first, second) -> second)
                      .orElse(null);
              return new HandlerHealth(healthy, detail, latency, lastError);
            });
  }
}
