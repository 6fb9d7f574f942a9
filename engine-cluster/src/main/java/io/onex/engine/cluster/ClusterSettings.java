package io.onex.engine.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;

/**
 * The node's cluster settings, read from {@code onex.cluster}: its address, the split brain
 * resolver's strategy. Turns them into the Pekko settings they stand for, with remembered entities
 * kept in the journal. Immutable.
 */
public final class ClusterSettings {

  private final String hostname;
  private final int port;
  private final String splitBrainStrategy;
  private final Config raw;

  private ClusterSettings(Config config) {
    this.raw = config.getConfig("onex.cluster");
    this.hostname = raw.getString("hostname");
    this.port = raw.getInt("port");
    this.splitBrainStrategy = raw.getString("split-brain-strategy");
  }

  /** Reads the settings from a resolved configuration. */
  public static ClusterSettings fromConfig(Config config) {
    return new ClusterSettings(config);
  }

  public String hostname() {
    return hostname;
  }

  public int port() {
    return port;
  }

  /**
   * The Pekko settings these stand for, to lay over the configuration: the cluster provider, the
   * Artery address, the split brain resolver and the journal as store of remembered entities.
   */
  public Config toPekkoConfig() {
    return ConfigFactory.parseMap(
        Map.of(
            "pekko.actor.provider",
            "cluster",
            "pekko.remote.artery.canonical.hostname",
            hostname,
            "pekko.remote.artery.canonical.port",
            port,
            "pekko.cluster.downing-provider-class",
            "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
            "pekko.cluster.split-brain-resolver.active-strategy",
            splitBrainStrategy,
            "pekko.cluster.split-brain-resolver.stable-after",
            raw.getDuration("split-brain-stable-after").toMillis() + "ms",
            "pekko.cluster.sharding.remember-entities-store",
            "eventsourced"));
  }
}
