/** Helpers for the completion stages Pekko and the engine hand out. */
package io.onex.engine.core.concurrent;
