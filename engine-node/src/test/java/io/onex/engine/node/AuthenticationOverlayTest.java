package io.onex.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.testing.HttpCalls;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Authentication is on in every environment but dev, and only dev may turn it off. */
class AuthenticationOverlayTest {

  @TempDir Path dataDir;

  private Config config(String environment, Map<String, Object> extra) {
    Map<String, Object> settings = new HashMap<>(extra);
    settings.put("onex.data-dir", dataDir.toString());
    settings.put("onex.http.port", 0);
    settings.put("onex.http.host", "127.0.0.1");
    settings.put("onex.cluster.port", 0);
    settings.put("onex.environment", environment);
    return ConfigFactory.parseMap(settings).withFallback(NodeConfig.withOverlay(environment));
  }

  @Test
  void stagingWithoutKeysRefusesEverythingButTheProbes() {
    try (EngineNode node = EngineNode.start(config("staging", Map.of()))) {
      HttpCalls http = new HttpCalls(URI.create("http://127.0.0.1:" + node.port()));
      assertThat(http.get("/v1/workflows").status()).isEqualTo(401);
      assertThat(http.get("/health").status()).isEqualTo(401);
      assertThat(http.get("/health/live").status()).isEqualTo(200);
    }
  }

  @Test
  void stagingWithAKeyLetsItsHolderIn() {
    try (EngineNode node =
        EngineNode.start(
            config("staging", Map.of("onex.auth.api-keys-env", "s3cr3t:reader:grafana")))) {
      Object ok =
          HttpCalls.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + node.port() + "/v1/workflows"))
                      .header("X-API-Key", "s3cr3t"))
              .status();
      assertThat(ok).isEqualTo(200);
    }
  }

  @Test
  void onlyDevMayTurnAuthenticationOff() {
    assertThatThrownBy(() -> EngineNode.start(config("prod", Map.of("onex.auth.enabled", false))))
        .hasMessageContaining("only the dev environment may turn it off");
    Logger gateway = (Logger) LoggerFactory.getLogger(io.onex.engine.gateway.HttpGateway.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    gateway.addAppender(logged);
    try (EngineNode node = EngineNode.start(config("dev", Map.of()))) {
      HttpCalls http = new HttpCalls(URI.create("http://127.0.0.1:" + node.port()));
      assertThat(http.get("/v1/workflows").status()).isEqualTo(200);
    } finally {
      gateway.detachAppender(logged);
    }
    // and it says so
    assertThat(logged.list)
        .anyMatch(
            event ->
                event.getLevel() == Level.WARN
                    && event.getFormattedMessage().startsWith("Authentication is OFF"));
  }
}
