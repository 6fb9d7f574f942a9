/**
 * The workflow instance actor and its helpers. Public only for the engine's other modules: no
 * compatibility promise, not for use by applications.
 */
package io.onex.engine.persistence.internal;
