package io.onex.engine.gateway;

import java.util.Objects;
import java.util.Set;

/**
 * Who makes a request, as an {@link Authenticator} established it: a name for the record and the
 * roles that decide what the request may do. Immutable.
 *
 * @param name the principal's name, as it appears in logs and audit records
 * @param roles its roles
 */
public record Principal(String name, Set<String> roles) {

  /** The principal of every request when no authenticator is configured. */
  public static final Principal ANONYMOUS = new Principal("anonymous", Set.of());

  public Principal {
    Objects.requireNonNull(name, "name");
    roles = roles == null ? Set.of() : Set.copyOf(roles);
  }
}
