/**
 * The built-in effect handlers (HTTP, JDBC, log/notification, compute) and the registry a node
 * keeps them in. Applications add their own by implementing {@link
 * io.onex.engine.core.effect.EffectHandler}.
 */
package io.onex.engine.effects.handlers;
