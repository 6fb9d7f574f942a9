/**
 * Replaying histories: the state of an instance at any event, and whether another version of a
 * definition agrees with a recorded history (and where and how it first does not). Pure; works on
 * histories read from a journal or from exported files alike.
 */
package io.onex.engine.core.replay;
