package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.testing.HttpCalls;
import io.onex.engine.core.testing.HttpCalls.Response;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The onboarding sample's welcome notification is a real mail: it goes out through the engine's
 * notification handler over SMTP and lands in the sample services' mailbox.
 */
class WelcomeMailTest {

  private static final String ONBOARDING = "/v1/workflows/onboarding/instances";

  @TempDir Path dataDir;

  @Test
  void shouldSendTheWelcomeMailWhenTheEmailIsVerified() {
    try (TestNode node = TestNode.start(Map.of("onex.data-dir", dataDir.toString()))) {
      // given
      assertThat(
              node.post(
                      ONBOARDING,
                      "{\"instanceId\":\"u-mail\",\"input\":{\"email\":\"ada@example.com\",\"name\":\"Ada\"}}")
                  .status())
          .isEqualTo(201);

      // when
      Response verified =
          node.post(
              ONBOARDING + "/u-mail/actions",
              "{\"type\":\"VerifyEmail\",\"payload\":{\"code\":\"123456\"}}");

      // then the mail arrives, once, and its outcome is on record
      assertThat(verified.status()).isEqualTo(200);
      String intentId = verified.body().at("/intents/0/intentId").asText();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> node.get(ONBOARDING + "/u-mail").body().get("pendingIntents").isEmpty());
      HttpCalls services = new HttpCalls(URI.create(node.services().url("")));
      JsonNode mails = services.get("/mails").body().get("mails");
      assertThat(mails).hasSize(1);
      assertThat(mails.get(0).get("to").asText()).isEqualTo("ada@example.com");
      assertThat(mails.get(0).get("subject").asText()).isEqualTo("Welcome, Ada");
      assertThat(mails.get(0).get("text").asText()).startsWith("Hello Ada, your account");
      assertThat(mails.get(0).get("messageId").asText()).isEqualTo("<" + intentId + "@onex>");
      JsonNode outcome =
          node.get(ONBOARDING + "/u-mail/history").body().get("events").get(2).get("action");
      assertThat(outcome.get("type").asText()).isEqualTo("IntentSucceeded");
      assertThat(outcome.at("/payload/result/sent").asBoolean()).isTrue();
    }
  }
}
