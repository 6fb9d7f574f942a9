/** The lease manager's implementation; no compatibility promise. */
package io.onex.engine.cluster.lease.internal;
