package io.onex.engine.cluster.lease.internal;

import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.cluster.lease.LeaseCheck;
import io.onex.engine.core.InternalApi;
import io.onex.engine.persistence.EngineSerializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The lease manager's state: per resource, its current grant (if any) and the highest fencing token
 * ever granted on it, kept after a release so that tokens never go back. Immutable; changed only by
 * applying {@link LeaseEvent}s, live and in recovery alike.
 */
@InternalApi
public record LeaseBook(Map<String, ResourceLeases> resources, Map<String, String> resourceOfLease)
    implements EngineSerializable {

  /** One resource's current grant ({@code null} once released) and its highest token. */
  public record ResourceLeases(Lease current, long highestToken) {}

  public static final LeaseBook EMPTY = new LeaseBook(Map.of(), Map.of());

  /**
   * @param resources per resource, its current grant and highest token
   * @param resourceOfLease the resource of each current grant, by lease id
   */
  public LeaseBook {
    resources = Map.copyOf(Objects.requireNonNullElse(resources, Map.of()));
    resourceOfLease = Map.copyOf(Objects.requireNonNullElse(resourceOfLease, Map.of()));
  }

  /** The grant on {@code resource}, active or lapsed, if it has one. */
  public Optional<Lease> current(String resource) {
    ResourceLeases entry = resources.get(resource);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.current());
  }

  /** The current grant (active or lapsed) with id {@code leaseId}, if there is one. */
  public Optional<Lease> byId(String leaseId) {
    String resource = resourceOfLease.get(leaseId);
    return resource == null ? Optional.empty() : current(resource);
  }

  /** The token the next grant on {@code resource} gets. */
  public long nextToken(String resource) {
    ResourceLeases entry = resources.get(resource);
    return entry == null ? 1 : entry.highestToken() + 1;
  }

  /** The unexpired leases at {@code now}, by resource. */
  public List<Lease> active(Instant now) {
    return resources.values().stream()
        .map(ResourceLeases::current)
        .filter(lease -> lease != null && lease.activeAt(now))
        .sorted(java.util.Comparator.comparing(Lease::resource))
        .toList();
  }

  /** Whether {@code leaseId} with {@code token} is the current, unexpired grant on the resource. */
  public LeaseCheck verify(String resource, String leaseId, long token, Instant now) {
    ResourceLeases entry = resources.get(resource);
    if (entry == null) {
      return new LeaseCheck(false, "unknown", null);
    }
    Lease current = entry.current();
    if (current != null && current.leaseId().equals(leaseId) && current.fencingToken() == token) {
      return current.activeAt(now)
          ? new LeaseCheck(true, "current", current)
          : new LeaseCheck(false, "expired", current);
    }
    if (token < entry.highestToken()) {
      return new LeaseCheck(false, "superseded", current);
    }
    if (current == null && token == entry.highestToken()) {
      return new LeaseCheck(false, "released", null);
    }
    return new LeaseCheck(false, "unknown", current);
  }

  /** The book after {@code event}. */
  public LeaseBook apply(LeaseEvent event) {
    Map<String, ResourceLeases> next = new HashMap<>(resources);
    Map<String, String> index = new HashMap<>(resourceOfLease);
    if (event instanceof LeaseEvent.Granted granted) {
      Lease lease = granted.lease();
      ResourceLeases replaced =
          next.put(lease.resource(), new ResourceLeases(lease, lease.fencingToken()));
      if (replaced != null && replaced.current() != null) {
        index.remove(replaced.current().leaseId());
      }
      index.put(lease.leaseId(), lease.resource());
    } else if (event instanceof LeaseEvent.Renewed renewed) {
      ResourceLeases entry = next.get(renewed.resource());
      next.put(
          renewed.resource(),
          new ResourceLeases(
              entry.current().extendedTo(renewed.expiresAt()), entry.highestToken()));
    } else if (event instanceof LeaseEvent.Released released) {
      ResourceLeases entry = next.get(released.resource());
      next.put(released.resource(), new ResourceLeases(null, entry.highestToken()));
      index.remove(released.leaseId());
    }
    return new LeaseBook(next, index);
  }
}
