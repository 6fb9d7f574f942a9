/**
 * Durable workflow instances: what a caller gets back from an instance ({@link
 * io.onex.engine.core.client.InstanceView}, {@link io.onex.engine.core.client.ActionOutcome}),
 * pages of journaled history, and the journal's settings. Every acknowledged action is in the
 * journal before its outcome is returned.
 */
package io.onex.engine.persistence;
