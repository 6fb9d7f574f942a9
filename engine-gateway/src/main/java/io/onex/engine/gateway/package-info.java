/**
 * The engine node's entry point: {@link io.onex.engine.gateway.EngineNode} runs an engine with its
 * HTTP/JSON API, and {@link io.onex.engine.gateway.NodeConfig} loads the node's configuration.
 */
package io.onex.engine.gateway;
