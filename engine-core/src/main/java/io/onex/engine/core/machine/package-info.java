/**
 * The instance machine: how a definition's reducer is applied to an instance, purely, for live
 * actions and for replay alike. The engine's persistence and the test kit run workflows through
 * {@link io.onex.engine.core.machine.InstanceMachine}; applications rarely need it directly.
 */
package io.onex.engine.core.machine;
