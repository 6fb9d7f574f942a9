package io.onex.engine.effects.handlers;

import com.typesafe.config.Config;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerHealth;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * POSTs the intent's payload as JSON to a URL, signed: header {@value #SIGNATURE} is {@code
 * sha256=<hex>}, the HMAC-SHA256 of the exact body bytes under the channel's secret, so the
 * receiver can check who sent it; {@code Idempotency-Key} and {@code X-Correlation-Id} travel too.
 */
final class WebhookChannel implements NotificationChannel {

  static final String SIGNATURE = "X-Onex-Signature";

  private final ActorSystem<?> system;
  private final Executor executor;
  private final String url;
  private final byte[] secret;
  private final Executor blocking;

  WebhookChannel(ActorSystem<?> system, String name, Config channel, Executor blocking) {
    this.system = system;
    this.blocking = blocking;
    this.executor = system.executionContext();
    this.url = channel.getString("url");
    String configured = channel.hasPath("secret") ? channel.getString("secret") : "";
    if (configured.isEmpty()) {
      throw new IllegalStateException(
          "Notification channel '"
              + name
              + "' is a webhook without a secret (onex.handlers.notification.channels."
              + name
              + ".secret): its requests could not be signed");
    }
    this.secret = configured.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public CompletionStage<EffectResult> send(EffectRequest request) {
    byte[] body = request.payload().toString().getBytes(StandardCharsets.UTF_8);
    HttpRequest post =
        HttpRequest.create(url)
            .withMethod(HttpMethods.POST)
            .addHeader(RawHeader.create(SIGNATURE, "sha256=" + sign(secret, body)))
            .addHeader(RawHeader.create("Idempotency-Key", request.idempotencyKey()))
            .addHeader(RawHeader.create("X-Correlation-Id", request.correlationId()))
            .withEntity(ContentTypes.APPLICATION_JSON, body);
    return Http.get(system)
        .singleRequest(post)
        .thenComposeAsync(
            response ->
                response
                    .entity()
                    .toStrict(10_000, system)
                    .thenApplyAsync(
                        entity -> HttpAnswers.toResult(response, entity.getData().utf8String()),
                        executor),
            executor);
  }

  /** The hex HMAC-SHA256 of {@code body} under {@code key}. */
  static String sign(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** Whether the webhook's host accepts a connection (a POST would have an effect). */
  @Override
  public CompletionStage<HandlerHealth> check() {
    return CompletableFuture.supplyAsync(
        () -> {
          URI target = URI.create(url);
          int port =
              target.getPort() > 0
                  ? target.getPort()
                  : "https".equals(target.getScheme()) ? 443 : 80;
          long started = System.nanoTime();
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.getHost(), port), 2_000);
            return HandlerHealth.healthy("webhook " + url + " reachable")
                .withLatency((System.nanoTime() - started) / 1_000_000);
          } catch (IOException e) {
            return HandlerHealth.unhealthy("webhook " + url + " unreachable: " + e.getMessage())
                .withLastError(e.getMessage());
          }
        },
        blocking);
  }

  @Override
  public String describe() {
    return "webhook " + url;
  }
}
