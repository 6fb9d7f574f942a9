package io.onex.engine.gateway;

import java.util.List;
import java.util.Set;

/**
 * The gateway's roles, each allowing what the one before it does and more: {@code reader} (every
 * GET), {@code operator} (starts, actions, operator controls, subscriptions), {@code admin}
 * (leases, spec registration and rollouts).
 */
public final class Roles {

  public static final String READER = "reader";
  public static final String OPERATOR = "operator";
  public static final String ADMIN = "admin";

  /** Every role, least first. */
  public static final List<String> ALL = List.of(READER, OPERATOR, ADMIN);

  private Roles() {}

  /** Whether {@code roles} include {@code required} or a role above it. */
  public static boolean allows(Set<String> roles, String required) {
    int needed = ALL.indexOf(required);
    return roles.stream().anyMatch(role -> ALL.indexOf(role) >= needed);
  }
}
