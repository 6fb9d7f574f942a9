package io.onex.engine.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;

/**
 * The node's cluster settings, read from {@code onex.cluster}: its address, the seed nodes it joins
 * through, its roles, the split brain resolver's strategy. Turns them into the Pekko settings they
 * stand for. Immutable; a malformed value fails at start naming its key.
 */
public final class ClusterSettings {

  private final String hostname;
  private final int port;
  private final String splitBrainStrategy;
  private final String systemName;
  private final List<Address> seedNodes;
  private final List<String> roles;
  private final Config raw;

  private ClusterSettings(Config config) {
    this.raw = config.getConfig("onex.cluster");
    this.hostname = raw.getString("hostname");
    this.port = raw.getInt("port");
    this.splitBrainStrategy = raw.getString("split-brain-strategy");
    this.systemName = config.getString("onex.engine.system-name");
    this.seedNodes = commaSeparated(raw.getString("seed-nodes")).stream().map(this::seed).toList();
    this.roles = commaSeparated(raw.getString("roles"));
  }

  private static List<String> commaSeparated(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private Address seed(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    int seedPort = -1;
    if (colon > 0) {
      try {
        seedPort = Integer.parseInt(hostAndPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        seedPort = -1;
      }
    }
    if (seedPort < 1 || seedPort > 65535) {
      throw new ConfigException.BadValue(
          raw.origin(),
          "onex.cluster.seed-nodes",
          "expected comma-separated host:port entries (ONEX_SEED_NODES), but got '"
              + hostAndPort
              + "'");
    }
    return new Address("pekko", systemName, hostAndPort.substring(0, colon), seedPort);
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
   * The seed nodes this node joins the cluster through; empty when it forms a cluster of its own.
   */
  public List<Address> seedNodes() {
    return seedNodes;
  }

  /** The node's cluster roles. */
  public List<String> roles() {
    return roles;
  }

  /**
   * The Pekko settings these stand for, to lay over the configuration: the cluster provider, the
   * Artery address and the split brain resolver.
   */
  public Config toPekkoConfig() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("pekko.cluster.roles", roles);
    String backoff = raw.getDuration("failure-backoff").toMillis() + "ms";
    settings.put("pekko.cluster.sharding.shard-failure-backoff", backoff);
    settings.put("pekko.cluster.sharding.entity-restart-backoff", backoff);
    settings.put("pekko.cluster.sharding.coordinator-failure-backoff", backoff);
    settings.putAll(
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
            raw.getDuration("split-brain-stable-after").toMillis() + "ms"));
    settings.putAll(tls());
    return ConfigFactory.parseMap(settings);
  }

  /** Whether nodes talk over TLS ({@code onex.cluster.tls.keystore} is set). */
  public boolean tlsEnabled() {
    return !raw.getString("tls.keystore").trim().isEmpty();
  }

  /**
   * Artery over TLS with mutual authentication when {@code onex.cluster.tls} names a keystore: each
   * node presents the keystore's certificate and accepts only peers whose certificate the
   * truststore (the keystore itself by default) holds.
   */
  private Map<String, Object> tls() {
    if (!tlsEnabled()) {
      return Map.of();
    }
    Config tls = raw.getConfig("tls");
    String keystore = readable(tls, "keystore");
    String truststore =
        tls.getString("truststore").trim().isEmpty() ? keystore : readable(tls, "truststore");
    String keystorePassword = tls.getString("keystore-password");
    String truststorePassword =
        tls.getString("truststore").trim().isEmpty()
            ? keystorePassword
            : tls.getString("truststore-password");
    String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
    Map<String, Object> settings = new HashMap<>();
    settings.put("pekko.remote.artery.transport", "tls-tcp");
    settings.put(engine + "key-store", keystore);
    settings.put(engine + "key-store-password", keystorePassword);
    settings.put(engine + "key-password", keystorePassword);
    settings.put(engine + "trust-store", truststore);
    settings.put(engine + "trust-store-password", truststorePassword);
    settings.put(engine + "require-mutual-authentication", true);
    return settings;
  }

  private String readable(Config tls, String key) {
    java.nio.file.Path file = java.nio.file.Path.of(tls.getString(key).trim());
    if (!java.nio.file.Files.isReadable(file)) {
      throw new ConfigException.BadValue(
          tls.origin(),
          "onex.cluster.tls." + key,
          "expected a readable keystore file, but '" + file + "' is not");
    }
    return file.toAbsolutePath().toString();
  }
}
