package io.onex.engine.samples.order;

/** What an order is started with. */
public record OrderStart(String customerId) {}
