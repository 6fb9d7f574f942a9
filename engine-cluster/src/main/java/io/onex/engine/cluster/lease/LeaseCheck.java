package io.onex.engine.cluster.lease;

/**
 * The answer to whether a lease id and fencing token are the current, unexpired grant on a
 * resource.
 *
 * @param valid whether they are
 * @param reason {@code current} when valid; otherwise {@code expired} (the lease lapsed), {@code
 *     released}, {@code superseded} (a later grant exists) or {@code unknown} (never granted on
 *     this resource)
 * @param current the resource's current grant, active or lapsed, or {@code null} when it has none
 */
public record LeaseCheck(boolean valid, String reason, Lease current) {}
