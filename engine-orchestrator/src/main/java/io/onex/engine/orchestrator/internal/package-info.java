/**
 * The orchestrator's parts: the orchestrating reducer, expressions and conditions, spec validation,
 * the cluster's spec catalog and each node's installer. Not part of the API; may change in any
 * release.
 */
package io.onex.engine.orchestrator.internal;
