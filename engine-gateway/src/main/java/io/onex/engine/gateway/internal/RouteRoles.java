package io.onex.engine.gateway.internal;

import io.onex.engine.gateway.Roles;

/**
 * Which role a request needs: reading anything takes {@code reader}; leases, spec registration and
 * rollouts take {@code admin}; every other change takes {@code operator}.
 */
final class RouteRoles {

  private RouteRoles() {}

  static String required(String method, String path) {
    if (method.equals("GET") || method.equals("HEAD")) {
      return Roles.READER;
    }
    if (path.startsWith("/v1/leases")) {
      return Roles.ADMIN;
    }
    boolean specChange =
        method.equals("PUT")
            && path.startsWith("/v1/workflows/")
            && (path.contains("/versions/") || path.endsWith("/rollout"));
    return specChange ? Roles.ADMIN : Roles.OPERATOR;
  }
}
