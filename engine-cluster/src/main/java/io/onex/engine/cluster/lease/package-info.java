/**
 * Leases with fencing tokens: single-writer ownership of named resources, granted by a lease
 * manager that runs once per cluster and keeps every grant across node loss.
 */
package io.onex.engine.cluster.lease;
