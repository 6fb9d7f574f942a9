/**
 * Small HTTP services the {@code order} sample talks to (inventory, payment, shipping), started
 * next to the sample node so that its whole flow runs on one machine.
 */
package io.onex.engine.samples.services;
