/**
 * Implementation of the engine's pure logic. Public only so that the engine's other modules can use
 * it: no compatibility promise, not for use by applications.
 */
package io.onex.engine.core.internal;
