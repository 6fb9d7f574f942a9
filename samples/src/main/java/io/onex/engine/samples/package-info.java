/**
 * Runnable samples: the {@code order} and {@code onboarding} workflow types, the node that hosts
 * them ({@link io.onex.engine.samples.SampleNode}) and an embedding example ({@link
 * io.onex.engine.samples.EmbeddedOrderExample}).
 */
package io.onex.engine.samples;
