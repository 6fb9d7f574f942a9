package io.onex.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

  private static ClusterSettings settings(Map<String, Object> overrides) {
    Config config = ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.load()).resolve();
    return ClusterSettings.fromConfig(config);
  }

  @Test
  void shouldJoinThroughEverySeedAndCarryTheRolesWhenBothAreGiven() {
    // when
    ClusterSettings cluster =
        settings(
            Map.of(
                "onex.cluster.seed-nodes", "10.0.0.1:25520, 10.0.0.2:25521",
                "onex.cluster.roles", "api,workers"));

    // then
    assertThat(cluster.seedNodes())
        .containsExactly(
            new Address("pekko", "onex", "10.0.0.1", 25520),
            new Address("pekko", "onex", "10.0.0.2", 25521));
    assertThat(cluster.roles()).containsExactly("api", "workers");
    Config pekko = cluster.toPekkoConfig();
    assertThat(pekko.getStringList("pekko.cluster.roles")).isEqualTo(List.of("api", "workers"));
    assertThat(pekko.getString("pekko.cluster.split-brain-resolver.active-strategy"))
        .isEqualTo("keep-majority");
  }

  @Test
  void shouldFormAClusterOfItsOwnWhenNoSeedIsGiven() {
    assertThat(settings(Map.of()).seedNodes()).isEmpty();
  }

  @Test
  void shouldNameTheKeyWhenASeedIsNotHostAndPort() {
    assertThatThrownBy(() -> settings(Map.of("onex.cluster.seed-nodes", "10.0.0.1")))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("onex.cluster.seed-nodes")
        .hasMessageContaining("'10.0.0.1'");
    assertThatThrownBy(() -> settings(Map.of("onex.cluster.seed-nodes", "host:port")))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("ONEX_SEED_NODES");
  }
}
