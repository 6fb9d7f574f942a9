/**
 * The executor's actor and its helpers. No compatibility promise; not for use outside this module.
 */
package io.onex.engine.effects.internal;
