/**
 * Implementation of the node registry: the singleton behaviour, its state, the per-node agent and
 * watchers. No compatibility promise; not for use by applications.
 */
package io.onex.engine.cluster.registry.internal;
