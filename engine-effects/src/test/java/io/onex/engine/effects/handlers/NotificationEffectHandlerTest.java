package io.onex.engine.effects.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.Intent;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerHealth;
import io.onex.engine.core.json.EngineJson;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notification handler against real receivers in this JVM: an HTTP server for the webhook, a
 * GreenMail SMTP server for email.
 */
class NotificationEffectHandlerTest {

  private static final String SECRET = "s3cret";
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final List<Map<String, String>> hooks = new CopyOnWriteArrayList<>();
  private static HttpServer webhook;
  private static GreenMail smtp;
  private static NotificationEffectHandler handler;

  @BeforeAll
  static void startReceivers() throws IOException {
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          hooks.add(
              Map.of(
                  "body", body,
                  "signature", exchange.getRequestHeaders().getFirst("X-Onex-Signature"),
                  "key", exchange.getRequestHeaders().getFirst("Idempotency-Key")));
          int status = exchange.getRequestURI().getPath().endsWith("/broken") ? 503 : 204;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    webhook.start();
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    String hookUrl = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";
    handler = new NotificationEffectHandler(testKit.system(), Executors.newCachedThreadPool());
    handler.initialize(
        ConfigFactory.parseString(
            "smtp { host = \"127.0.0.1\", port = "
                + smtp.getSmtp().getPort()
                + " }\n"
                + "channels {\n"
                + "  ops { type = webhook, url = \""
                + hookUrl
                + "\", secret = \""
                + SECRET
                + "\" }\n"
                + "  broken { type = webhook, url = \""
                + hookUrl
                + "/broken\", secret = \"x\" }\n"
                + "  email { type = email, from = \"onex@example.com\", subject = \"Hi\",\n"
                + "    templates.welcome { subject = \"Welcome, {name}\","
                + " text = \"Hello {name}, your account is ready.\" } }\n"
                + "}"));
  }

  @AfterAll
  static void stop() {
    webhook.stop(0);
    smtp.stop();
    testKit.shutdownTestKit();
  }

  private static EffectRequest request(String channel, Map<String, Object> payload) {
    Intent intent =
        new Intent(
            "intent-" + channel,
            "notification",
            channel,
            EngineJson.mapper().valueToTree(payload),
            null,
            null,
            "key-" + channel,
            "event",
            "flow",
            null,
            null);
    return new EffectRequest("onboarding", "u-1", intent, 1);
  }

  private static EffectResult send(EffectRequest request) {
    return handler.execute(request, ConfigFactory.empty()).toCompletableFuture().join();
  }

  @Test
  void shouldPostTheWebhookSignedWithTheChannelsSecret() {
    // when
    send(request("ops", Map.of("event", "deployed", "version", 3)));

    // then the receiver can check the body against the signature with the shared secret
    Map<String, String> received = hooks.get(hooks.size() - 1);
    assertThat(EngineJson.parse(received.get("body")).get("event").asText()).isEqualTo("deployed");
    String expected =
        "sha256="
            + WebhookChannel.sign(
                SECRET.getBytes(StandardCharsets.UTF_8),
                received.get("body").getBytes(StandardCharsets.UTF_8));
    assertThat(received.get("signature")).isEqualTo(expected);
    assertThat(received.get("key")).isEqualTo("key-ops");
  }

  @Test
  void shouldFailRetryablyWhenTheWebhookAnswersWithAServerError() {
    assertThatThrownBy(() -> send(request("broken", Map.of("x", 1))))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            EffectException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("http-503");
              assertThat(e.retryable()).isTrue();
            });
  }

  @Test
  void shouldSendTheMailOfTheTemplateThePayloadNames() throws Exception {
    // when
    EffectResult result =
        send(
            request(
                "email", Map.of("to", "ada@example.com", "template", "welcome", "name", "Ada")));

    // then
    assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage mail = smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1];
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
    assertThat(mail.getSubject()).isEqualTo("Welcome, Ada");
    assertThat(((String) mail.getContent()).trim()).isEqualTo("Hello Ada, your account is ready.");
    assertThat(mail.getMessageID()).isEqualTo("<key-email@onex>");
    assertThat(result.value().get("sent").asBoolean()).isTrue();
  }

  @Test
  void shouldFailForGoodForAChannelThatIsNotConfiguredOrAMailWithoutRecipient() {
    assertThatThrownBy(() -> send(request("sms", Map.of())))
        .cause()
        .isInstanceOfSatisfying(
            EffectException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("unknown-channel");
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("onex.handlers.notification.channels.sms");
            });
    assertThatThrownBy(() -> send(request("email", Map.of("text", "lost"))))
        .cause()
        .isInstanceOfSatisfying(
            EffectException.class, e -> assertThat(e.errorType()).isEqualTo("no-recipient"));
  }

  @Test
  void shouldReportEveryChannelHealthyWhileItsReceiversAnswer() {
    HandlerHealth health = handler.healthCheck().toCompletableFuture().join();

    assertThat(health.healthy()).as(health.detail()).isTrue();
    assertThat(health.detail()).contains("email channel 'email': SMTP answers");
    assertThat(health.latencyMs()).isNotNull();
  }
}
