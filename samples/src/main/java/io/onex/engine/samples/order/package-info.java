/**
 * The order-processing workflow: a customer fills an order with items, places it (which asks for
 * inventory to be reserved and payment charged), or cancels it.
 */
package io.onex.engine.samples.order;
