package io.onex.engine.effects.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerHealth;
import io.onex.engine.core.json.EngineJson;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Sends the intent as an email over SMTP (Jakarta Mail): recipient {@code to}, {@code subject} and
 * {@code text} from the payload, else from the channel's {@code templates.<template>} (with {@code
 * {field}} replaced by the payload's fields), else from the channel's own defaults. The message id
 * is derived from the idempotency key, so a repeated delivery is recognisable as the same mail.
 * Sending blocks, so it runs on the blocking executor.
 */
final class EmailChannel implements NotificationChannel {

  private final String name;
  private final Config channel;
  private final Session session;
  private final String user;
  private final String password;
  private final InternetAddress from;
  private final Executor blocking;

  EmailChannel(String name, Config channel, Config smtp, Executor blocking) {
    this.name = name;
    this.channel = channel;
    this.blocking = blocking;
    this.user = smtp.getString("user");
    this.password = smtp.getString("password");
    Duration timeout = smtp.getDuration("timeout");
    Properties properties = new Properties();
    properties.put("mail.smtp.host", smtp.getString("host"));
    properties.put("mail.smtp.port", String.valueOf(smtp.getInt("port")));
    properties.put("mail.smtp.auth", String.valueOf(!user.isEmpty()));
    properties.put("mail.smtp.starttls.enable", String.valueOf(smtp.getBoolean("start-tls")));
    properties.put("mail.smtp.connectiontimeout", String.valueOf(timeout.toMillis()));
    properties.put("mail.smtp.timeout", String.valueOf(timeout.toMillis()));
    properties.put("mail.smtp.writetimeout", String.valueOf(timeout.toMillis()));
    this.session = Session.getInstance(properties);
    try {
      this.from = new InternetAddress(channel.getString("from"), true);
    } catch (AddressException e) {
      throw new IllegalStateException(
          "Notification channel '" + name + "' has an invalid 'from' address: " + e.getMessage(),
          e);
    }
  }

  @Override
  public CompletionStage<EffectResult> send(EffectRequest request) {
    return CompletableFuture.supplyAsync(() -> deliver(request), blocking);
  }

  private EffectResult deliver(EffectRequest request) {
    JsonNode payload = request.payload();
    Config template = template(payload);
    String to = field(payload, "to", template, "");
    if (to.isBlank()) {
      throw EffectException.permanent(
          "no-recipient",
          "Notification through email channel '"
              + name
              + "' names no recipient: give 'to' in the payload or in the channel");
    }
    String messageId = "<" + request.idempotencyKey() + "@onex>";
    try {
      MimeMessage message =
          new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
              setHeader("Message-ID", messageId);
            }
          };
      message.setFrom(from);
      message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
      message.setSubject(render(field(payload, "subject", template, "Notification"), payload));
      message.setText(render(field(payload, "text", template, payload.toString()), payload));
      message.setHeader("X-Correlation-Id", request.correlationId());
      if (user.isEmpty()) {
        Transport.send(message);
      } else {
        Transport.send(message, user, password);
      }
      return EffectResult.of(
          EngineJson.mapper().createObjectNode().put("sent", true).put("messageId", messageId));
    } catch (AddressException e) {
      throw EffectException.permanent("invalid-recipient", e.getMessage());
    } catch (MessagingException e) {
      throw new EffectException("smtp", "Could not send the mail: " + e.getMessage(), true, e);
    }
  }

  private Config template(JsonNode payload) {
    String template = payload.path("template").asText("");
    String path = "templates." + template;
    return !template.isEmpty() && channel.hasPath(path) ? channel.getConfig(path) : channel;
  }

  private String field(JsonNode payload, String key, Config template, String fallback) {
    if (payload.hasNonNull(key)) {
      return payload.get(key).asText();
    }
    if (template.hasPath(key)) {
      return template.getString(key);
    }
    return channel.hasPath(key) ? channel.getString(key) : fallback;
  }

  /** {@code text} with every {@code {field}} replaced by that text field of the payload. */
  private static String render(String text, JsonNode payload) {
    String rendered = text;
    for (Iterator<Map.Entry<String, JsonNode>> fields = payload.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isValueNode()) {
        rendered = rendered.replace("{" + field.getKey() + "}", field.getValue().asText());
      }
    }
    return rendered;
  }

  @Override
  public CompletionStage<HandlerHealth> check() {
    return CompletableFuture.supplyAsync(
        () -> {
          long started = System.nanoTime();
          try (Transport transport = session.getTransport("smtp")) {
            if (user.isEmpty()) {
              transport.connect();
            } else {
              transport.connect(user, password);
            }
            return HandlerHealth.healthy("email channel '" + name + "': SMTP answers")
                .withLatency((System.nanoTime() - started) / 1_000_000);
          } catch (MessagingException e) {
            return HandlerHealth.unhealthy(
                    "email channel '" + name + "': SMTP unreachable: " + e.getMessage())
                .withLastError(e.getMessage());
          }
        },
        blocking);
  }

  @Override
  public String describe() {
    return "email from "
        + from
        + " via "
        + session.getProperty("mail.smtp.host")
        + ":"
        + session.getProperty("mail.smtp.port");
  }
}
