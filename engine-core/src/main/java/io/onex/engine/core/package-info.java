/**
 * The engine's public model and its pure logic: workflow definitions, reducers, actions, intents,
 * transitions and the typed errors every entry point reports.
 *
 * <p>Nothing in this package performs I/O, reads a clock or draws random numbers: given the same
 * inputs every function here returns the same result, which is what lets the engine replay a
 * workflow's history and prove it reaches the same state.
 */
package io.onex.engine.core;
