package io.onex.engine.cluster.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A grant of exclusive ownership of {@code resource} to {@code owner} until {@code expiresAt}.
 *
 * <p>Immutable. The {@code fencingToken} is issued by the lease manager and only ever grows for one
 * resource: every new grant gets a higher token than any earlier grant on the same resource, so a
 * writer guarding the resource can refuse whoever presents a lower token (a holder whose lease
 * expired while it was paused).
 *
 * @param leaseId the grant's id, presented with every write made under it
 * @param resource what the lease is on, e.g. {@code order/o-17} for an instance
 * @param owner who holds it, as the owner named itself when acquiring
 * @param fencingToken the grant's token; higher than every earlier grant on the resource
 * @param acquiredAt when the grant was made
 * @param expiresAt when it lapses unless renewed
 * @param ttlMs how long each renewal extends it by default, in milliseconds
 */
public record Lease(
    String leaseId,
    String resource,
    String owner,
    long fencingToken,
    Instant acquiredAt,
    Instant expiresAt,
    long ttlMs) {

  public Lease {
    Objects.requireNonNull(leaseId, "leaseId");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(acquiredAt, "acquiredAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether the lease still holds at {@code now}. */
  public boolean activeAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  /** The same grant extended to {@code newExpiry}. */
  public Lease extendedTo(Instant newExpiry) {
    return new Lease(leaseId, resource, owner, fencingToken, acquiredAt, newExpiry, ttlMs);
  }

  /** The default renewal period. */
  public Duration ttl() {
    return Duration.ofMillis(ttlMs);
  }
}
