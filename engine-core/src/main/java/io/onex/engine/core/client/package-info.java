/**
 * The client API: what a caller of the engine holds ({@link
 * io.onex.engine.core.client.WorkflowClient}, {@link io.onex.engine.core.client.InstanceHandle},
 * {@link io.onex.engine.core.client.WorkflowHistory}) and the requests and views it exchanges, as
 * plain interfaces and immutable records with no actor or transport in them. Every view is a
 * snapshot in time; every request is validated before it reaches an instance.
 */
package io.onex.engine.core.client;
