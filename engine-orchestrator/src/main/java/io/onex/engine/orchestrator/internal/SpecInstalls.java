package io.onex.engine.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.orchestrator.WorkflowSpec;
import io.onex.engine.orchestrator.WorkflowSpecs;
import io.onex.engine.orchestrator.internal.CatalogProtocol.Event;
import io.onex.engine.orchestrator.internal.CatalogProtocol.RolloutChanged;
import io.onex.engine.orchestrator.internal.CatalogProtocol.SpecRegistered;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the catalog's specs and rollouts into this node's {@link WorkflowRegistry}, once each, and
 * remembers which definitions are specs (for the start checks). Thread-safe and idempotent: the
 * same event installed twice changes nothing.
 */
@InternalApi
public final class SpecInstalls {

  private static final Logger log = LoggerFactory.getLogger(SpecInstalls.class);

  private final WorkflowRegistry registry;
  private final Map<String, CompiledSpec> specs = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
  private final Map<String, Long> rolloutRevisions = new ConcurrentHashMap<>();

  public SpecInstalls(WorkflowRegistry registry) {
    this.registry = registry;
  }

  /** Installs {@code event}: a spec becomes a definition, a rollout is applied. */
  public void install(Event event) {
    if (event instanceof SpecRegistered registered) {
      install(registered);
    } else {
      RolloutChanged changed = (RolloutChanged) event;
      if (registry.find(changed.type(), changed.rollout().version()).isPresent()) {
        applyRollout(changed);
      } else {
        log.warn(
            "Rollout of {} to version {} waits: that version is not registered on this node yet",
            changed.type(),
            changed.rollout().version());
      }
    }
  }

  private synchronized void applyRollout(RolloutChanged changed) {
    long known = rolloutRevisions.getOrDefault(changed.type(), 0L);
    if (changed.revision() > known) {
      registry.rollout(changed.type(), changed.rollout());
      rolloutRevisions.put(changed.type(), changed.revision());
    }
  }

  private synchronized void install(SpecRegistered registered) {
    String key = SpecCatalogBehavior.Book.key(registered.type(), registered.version());
    if (specs.containsKey(key)) {
      return;
    }
    if (registry.find(registered.type(), registered.version()).isPresent()) {
      log.error(
          "Spec {} v{} is not installed: this node defines that version in Java",
          registered.type(),
          registered.version());
      return;
    }
    WorkflowSpec spec = WorkflowSpecs.validate(registered.document(), null);
    WorkflowDefinition<?, ?> definition = WorkflowSpecs.definition(spec);
    registry.register(definition);
    specs.put(key, new CompiledSpec(spec));
    documents.put(key, registered.document());
    log.info("Installed workflow spec {} v{}", spec.type(), spec.version());
  }

  /** The spec behind version {@code version} of {@code type}, if that version is a spec. */
  public Optional<CompiledSpec> spec(String type, int version) {
    return Optional.ofNullable(specs.get(SpecCatalogBehavior.Book.key(type, version)));
  }

  /** The document version {@code version} of {@code type} was registered with, if a spec. */
  public Optional<JsonNode> document(String type, int version) {
    return Optional.ofNullable(documents.get(SpecCatalogBehavior.Book.key(type, version)));
  }

  /** Whether version {@code version} of {@code type} is a spec installed here. */
  public boolean isSpec(String type, int version) {
    return specs.containsKey(SpecCatalogBehavior.Book.key(type, version));
  }
}
