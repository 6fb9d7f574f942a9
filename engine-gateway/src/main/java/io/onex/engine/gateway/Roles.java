package io.onex.engine.gateway;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gateway's roles, each allowing what the one before it does and more: {@code reader} (every
 * GET), {@code operator} (starts, actions, operator controls, subscriptions), {@code admin}
 * (leases, spec registration and rollouts).
 *
 * <p>A principal holds grants: a role alone ({@code operator}) holds everywhere; a role limited to
 * a workflow type ({@code operator@order}) holds only for the routes of that type ({@code
 * /v1/workflows/order/...}), never for routes that span types (listing every workflow, leases,
 * nodes).
 */
public final class Roles {

  public static final String READER = "reader";
  public static final String OPERATOR = "operator";
  public static final String ADMIN = "admin";

  /** Every role, least first. */
  public static final List<String> ALL = List.of(READER, OPERATOR, ADMIN);

  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private Roles() {}

  /** Whether {@code grants} hold {@code required} (or a role above it) everywhere. */
  public static boolean allows(Set<String> grants, String required) {
    return allows(grants, required, null);
  }

  /**
   * Whether {@code grants} hold {@code required} (or a role above it) for a route of {@code
   * workflowType}; {@code null} for a route that spans types, which only unlimited grants reach.
   */
  public static boolean allows(Set<String> grants, String required, String workflowType) {
    int needed = ALL.indexOf(required);
    for (String grant : grants) {
      int at = grant.indexOf('@');
      String role = at < 0 ? grant : grant.substring(0, at);
      String scope = at < 0 ? null : grant.substring(at + 1);
      boolean inScope = scope == null || scope.equals(workflowType);
      if (inScope && ALL.indexOf(role) >= needed) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code grant} reads {@code role} or {@code role@workflowType} with a known role. */
  public static boolean isGrant(String grant) {
    int at = grant.indexOf('@');
    if (at < 0) {
      return ALL.contains(grant);
    }
    return ALL.contains(grant.substring(0, at)) && TYPE.matcher(grant.substring(at + 1)).matches();
  }
}
