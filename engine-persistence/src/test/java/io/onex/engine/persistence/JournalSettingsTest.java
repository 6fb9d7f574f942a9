package io.onex.engine.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalSettingsTest {

  private static Config config(Map<String, Object> overrides) {
    return ConfigFactory.parseMap(overrides)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  @Test
  void shouldUseTheEmbeddedH2FileInTheDataDirectoryWhenNoUrlIsGiven() {
    JournalSettings settings =
        JournalSettings.fromConfig(config(Map.of("onex.data-dir", "/tmp/x")));

    assertThat(settings.embedded()).isTrue();
    assertThat(settings.dialect()).isEqualTo(JournalSettings.Dialect.H2);
    assertThat(settings.url())
        .isEqualTo("jdbc:h2:file:" + Path.of("/tmp/x/journal") + ";WRITE_DELAY=0");
    assertThat(settings.user()).isEqualTo("sa");
  }

  @Test
  void shouldSelectThePostgresProfileForAPostgresUrl() {
    JournalSettings settings =
        JournalSettings.fromConfig(
            config(
                Map.of(
                    "onex.journal.url", "jdbc:postgresql://db:5432/onex",
                    "onex.journal.user", "onex")));

    assertThat(settings.dialect()).isEqualTo(JournalSettings.Dialect.POSTGRES);
    Config pekko = settings.toPekkoConfig();
    assertThat(pekko.getString("pekko-persistence-jdbc.shared-databases.default.profile"))
        .isEqualTo("slick.jdbc.PostgresProfile$");
    assertThat(pekko.getString("pekko-persistence-jdbc.shared-databases.default.db.url"))
        .isEqualTo("jdbc:postgresql://db:5432/onex");
    assertThat(pekko.getString("pekko.persistence.journal.plugin")).isEqualTo("jdbc-journal");
  }

  @Test
  void shouldNameTheKeyWhenTheUrlIsOfAnUnsupportedDatabase() {
    assertThatThrownBy(
            () ->
                JournalSettings.fromConfig(config(Map.of("onex.journal.url", "jdbc:mysql://x/y"))))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("onex.journal.url");
  }
}
