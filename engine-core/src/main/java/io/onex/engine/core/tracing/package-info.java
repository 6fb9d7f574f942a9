/**
 * How the trace context travels with actions, intents and effect requests; the spans themselves are
 * made by the engine's modules with the OpenTelemetry instance the node was given.
 */
package io.onex.engine.core.tracing;
