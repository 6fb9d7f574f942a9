/**
 * The engine's JSON codec ({@link io.onex.engine.core.json.EngineJson}): the one way payloads,
 * states and events are turned into JSON and back, shared by every module and by applications.
 */
package io.onex.engine.core.json;
