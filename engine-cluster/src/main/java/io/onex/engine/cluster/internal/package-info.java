/** Implementation of the engine node. No compatibility promise; not for use by applications. */
package io.onex.engine.cluster.internal;
