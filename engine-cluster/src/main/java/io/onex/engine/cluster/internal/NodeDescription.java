package io.onex.engine.cluster.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.onex.engine.cluster.registry.HealthStatus;
import io.onex.engine.cluster.registry.NodeRegistration;
import io.onex.engine.cluster.registry.NodeType;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.effects.EffectHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.actor.Address;

/**
 * What an engine node registers about itself, from {@code onex.node}: its id, type, environment and
 * group; its cluster address; the workflow types and handler types it offers as capabilities; how
 * many intents it runs at once as its capacity.
 */
final class NodeDescription {

  private NodeDescription() {}

  static NodeRegistration of(
      Config config, Address address, WorkflowRegistry workflows, EffectHandlers handlers) {
    Config node = config.getConfig("onex.node");
    String id = node.getString("id").trim();
    if (id.isEmpty()) {
      id = address.host().get() + ":" + address.port().get();
    }
    List<String> capabilities = new ArrayList<>();
    workflows.types().stream().sorted().forEach(type -> capabilities.add("workflow:" + type));
    handlers.all().forEach(handler -> capabilities.add("handler:" + handler.handlerType()));
    String endpoint = node.getString("endpoint").trim();
    return new NodeRegistration(
        id,
        type(node),
        node.getString("environment"),
        node.getString("group"),
        NodeDescription.class.getPackage().getImplementationVersion(),
        address.toString(),
        endpoint.isEmpty() ? null : endpoint,
        capabilities,
        Map.of("intentConcurrency", config.getInt("onex.effects.max-concurrency")),
        // registered once the node is an Up member with its journal reachable
        HealthStatus.HEALTHY,
        Map.of());
  }

  private static NodeType type(Config node) {
    String value = node.getString("type");
    try {
      return NodeType.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue(
          node.origin(),
          "onex.node.type",
          "expected one of "
              + List.of(NodeType.values())
              + " (ONEX_NODE_TYPE), but got '"
              + value
              + "'");
    }
  }
}
