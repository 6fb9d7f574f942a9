package io.onex.engine.persistence;

/**
 * Marks the engine's messages, events and snapshots that Pekko serializes as JSON with Jackson
 * (bound to {@code jackson-json} in this module's reference.conf): readable journals, no Java
 * serialization anywhere. A journaled class keeps its name, or registers a Jackson migration.
 */
public interface EngineSerializable {}
