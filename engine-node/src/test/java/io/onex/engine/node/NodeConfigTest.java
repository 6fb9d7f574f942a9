package io.onex.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The node's configuration as shipped in config/: defaults and environment overlays. */
class NodeConfigTest {

  @Test
  void shouldLoadTheDevOverlayWithDocumentedDefaults() {
    Config config = NodeConfig.withOverlay("dev");

    assertThat(config.getInt("onex.http.port")).isEqualTo(8080);
    assertThat(config.getString("onex.data-dir")).isEqualTo("./data");
    assertThat(config.getString("onex.journal.url")).isEmpty();
    assertThat(config.getInt("onex.instance.snapshot-every")).isEqualTo(1000);
    assertThat(config.getString("onex.http.host")).isEqualTo("127.0.0.1");
  }

  @Test
  void shouldApplyTheProductionOverlayOnTopOfTheApplicationConfig() {
    Config config = NodeConfig.withOverlay("prod");

    assertThat(config.getString("pekko.loglevel")).isEqualTo("WARNING");
    assertThat(config.getDuration("onex.engine.ask-timeout").toSeconds()).isEqualTo(5);
    assertThat(config.getStringList("pekko.loggers"))
        .singleElement()
        .asString()
        .contains("Slf4jLogger");
  }

  @Test
  void shouldNameTheEnvironmentWhenItsOverlayDoesNotExist() {
    assertThatThrownBy(() -> NodeConfig.withOverlay("qa"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("qa.conf");
    assertThatThrownBy(() -> NodeConfig.withOverlay("../etc"))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("onex.environment");
  }
}
