/**
 * The workflow instance actor and its helpers. Public types here are public only so that this
 * module's other packages can use them: no compatibility promise, not for use outside
 * engine-persistence.
 */
package io.onex.engine.persistence.internal;
