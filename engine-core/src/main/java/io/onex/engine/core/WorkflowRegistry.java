package io.onex.engine.core;

import io.onex.engine.core.error.UnknownWorkflowTypeException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The workflow definitions a node knows, by type and version. New instances start on a type's
 * latest version; running instances keep the version they started with.
 *
 * <p>Thread-safe. A (type, version) pair can be registered once; registering it again is an error,
 * because instances pinned to it must never see its behaviour change.
 */
public final class WorkflowRegistry {

  private final ConcurrentMap<String, NavigableMap<Integer, WorkflowDefinition<?, ?>>> byType =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Rollout> rollouts = new ConcurrentHashMap<>();
  private final List<Consumer<WorkflowDefinition<?, ?>>> listeners = new CopyOnWriteArrayList<>();

  /** Registers {@code definition}; throws if its type and version are already registered. */
  public WorkflowRegistry register(WorkflowDefinition<?, ?> definition) {
    NavigableMap<Integer, WorkflowDefinition<?, ?>> versions =
        byType.computeIfAbsent(definition.type(), t -> new ConcurrentSkipListMap<>());
    if (versions.putIfAbsent(definition.version(), definition) != null) {
      throw new IllegalStateException(
          "Workflow type '"
              + definition.type()
              + "' version "
              + definition.version()
              + " is already registered");
    }
    listeners.forEach(listener -> listener.accept(definition));
    return this;
  }

  /**
   * Calls {@code listener} with every definition registered from now on, after it is registered
   * (how a node starts hosting a type registered while it runs).
   */
  public void onRegistered(Consumer<WorkflowDefinition<?, ?>> listener) {
    listeners.add(listener);
  }

  /** The newest version of {@code type}, if the type is known. */
  public Optional<WorkflowDefinition<?, ?>> latest(String type) {
    NavigableMap<Integer, WorkflowDefinition<?, ?>> versions = byType.get(type);
    return versions == null || versions.isEmpty()
        ? Optional.empty()
        : Optional.of(versions.lastEntry().getValue());
  }

  /** The given version of {@code type}, if registered. */
  public Optional<WorkflowDefinition<?, ?>> find(String type, int version) {
    NavigableMap<Integer, WorkflowDefinition<?, ?>> versions = byType.get(type);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  /** The newest version of {@code type}; throws {@link UnknownWorkflowTypeException} otherwise. */
  public WorkflowDefinition<?, ?> require(String type) {
    return latest(type).orElseThrow(() -> new UnknownWorkflowTypeException(type));
  }

  /** The given version of {@code type}; throws {@link UnknownWorkflowTypeException} otherwise. */
  public WorkflowDefinition<?, ?> require(String type, int version) {
    return find(type, version).orElseThrow(() -> new UnknownWorkflowTypeException(type, version));
  }

  /**
   * The definition a new instance {@code instanceId} of {@code type} starts on: the latest version,
   * unless a {@link Rollout} of the type says otherwise. Throws {@link
   * UnknownWorkflowTypeException} for an unknown type.
   */
  public WorkflowDefinition<?, ?> forNewInstance(String type, String instanceId) {
    WorkflowDefinition<?, ?> latest = require(type);
    Rollout rollout = rollouts.get(type);
    if (rollout == null) {
      return latest;
    }
    NavigableMap<Integer, WorkflowDefinition<?, ?>> versions = byType.get(type);
    WorkflowDefinition<?, ?> target = versions.get(rollout.version());
    if (target == null) {
      return latest;
    }
    if (rollout.includes(instanceId)) {
      return target;
    }
    Map.Entry<Integer, WorkflowDefinition<?, ?>> below = versions.lowerEntry(rollout.version());
    return below == null ? target : below.getValue();
  }

  /**
   * Rolls out {@code rollout.version()} of {@code type} to its share of new instances; replaces the
   * type's earlier rollout. Throws {@link UnknownWorkflowTypeException} unless that version is
   * registered.
   */
  public WorkflowRegistry rollout(String type, Rollout rollout) {
    require(type, rollout.version());
    rollouts.put(type, rollout);
    return this;
  }

  /** The rollout of {@code type}, if one is set. */
  public Optional<Rollout> rollout(String type) {
    return Optional.ofNullable(rollouts.get(type));
  }

  /** Whether any version of {@code type} is registered. */
  public boolean contains(String type) {
    return byType.containsKey(type);
  }

  /** The registered type names, sorted. */
  public List<String> types() {
    return byType.keySet().stream().sorted().toList();
  }

  /** Every registered version of {@code type}, oldest first. */
  public Collection<WorkflowDefinition<?, ?>> versions(String type) {
    NavigableMap<Integer, WorkflowDefinition<?, ?>> versions = byType.get(type);
    return versions == null ? List.of() : List.copyOf(versions.values());
  }
}
