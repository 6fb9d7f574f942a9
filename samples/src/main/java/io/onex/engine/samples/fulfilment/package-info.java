/**
 * The {@code fulfilment} sample: a workflow defined as data ({@code samples/specs/fulfilment.json},
 * bundled in the node jar and registered at start) over the order sample's services, with the one
 * piece of Java it needs, the {@link io.onex.engine.samples.fulfilment.OrderTotal} compute
 * function.
 */
package io.onex.engine.samples.fulfilment;
