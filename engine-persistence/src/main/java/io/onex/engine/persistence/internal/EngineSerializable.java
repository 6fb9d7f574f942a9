package io.onex.engine.persistence.internal;

/** Marks messages and snapshots that Pekko serializes with Jackson as JSON (see reference.conf). */
public interface EngineSerializable {}
