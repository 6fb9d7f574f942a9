package io.onex.engine.effects;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.onex.engine.core.Intent;
import io.onex.engine.core.effect.EffectHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The effect handlers of a node, by handler type. Each is initialised with its section {@code
 * onex.handlers.<type>} of the configuration when the node starts and shut down when it stops.
 * Thread-safe; a type can be registered once.
 */
public final class EffectHandlers {

  private final Map<String, EffectHandler> byType = new ConcurrentHashMap<>();
  private final Map<String, Config> configs = new ConcurrentHashMap<>();
  private final Map<String, Config> targetConfigs = new ConcurrentHashMap<>();

  /** Registers {@code handler}; throws if its type is taken. */
  public EffectHandlers register(EffectHandler handler) {
    if (byType.putIfAbsent(handler.handlerType(), handler) != null) {
      throw new IllegalStateException(
          "A handler of type '" + handler.handlerType() + "' is already registered");
    }
    return this;
  }

  /** The handler of {@code type}, if any. */
  public Optional<EffectHandler> find(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  /** Every registered handler, sorted by type. */
  public List<EffectHandler> all() {
    List<EffectHandler> handlers = new ArrayList<>(byType.values());
    handlers.sort((a, b) -> a.handlerType().compareTo(b.handlerType()));
    return handlers;
  }

  /** Initialises every handler with {@code onex.handlers.<type>} (empty when absent). */
  public void initializeAll(Config config) {
    for (EffectHandler handler : byType.values()) {
      String path = "onex.handlers." + handler.handlerType();
      Config own = config.hasPath(path) ? config.getConfig(path) : ConfigFactory.empty();
      configs.put(handler.handlerType(), own);
      targetConfigs.clear();
      handler.initialize(own);
    }
  }

  /**
   * The settings of one operation on {@code intent}'s target: the intent's metadata over the
   * target's section {@code onex.handlers.<type>.targets.<target>} when that is an object.
   */
  public Config operationConfig(Intent intent) {
    Config target =
        targetConfigs.computeIfAbsent(
            intent.type() + '\u0000' + intent.target(),
            key -> targetConfig(intent.type(), intent.target()));
    return intent.metadata().isEmpty()
        ? target
        : ConfigValueFactory.fromMap(intent.metadata()).toConfig().withFallback(target);
  }

  private Config targetConfig(String type, String target) {
    Config own = configs.getOrDefault(type, ConfigFactory.empty());
    if (target != null && own.hasPath("targets")) {
      ConfigValue section = own.getConfig("targets").root().get(target);
      if (section instanceof ConfigObject object) {
        return object.toConfig();
      }
    }
    return ConfigFactory.empty();
  }

  /** Shuts every handler down, each within {@code timeout}. */
  public CompletableFuture<Void> shutdownAll(Duration timeout) {
    Collection<CompletableFuture<Void>> stopping = new ArrayList<>();
    for (EffectHandler handler : byType.values()) {
      stopping.add(handler.shutdown(timeout).toCompletableFuture().exceptionally(error -> null));
    }
    return CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new));
  }
}
