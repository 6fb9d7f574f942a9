package io.onex.engine.gateway.internal;

import io.onex.engine.gateway.Roles;

/**
 * Which role a request needs: reading anything takes {@code reader}, and so do replays and the
 * deploy gate (POSTs that change nothing); leases, spec registration and rollouts take {@code
 * admin}; every other change takes {@code operator}; {@code GET /v1/me} takes none but
 * authentication. A grant limited to a workflow type ({@link Roles}) reaches the requests about
 * that type.
 */
final class RouteRoles {

  private RouteRoles() {}

  /** The role {@code method} on {@code path} needs, or {@code null} when any caller may. */
  static String required(String method, String path) {
    if (path.equals("/v1/me")) {
      return null;
    }
    boolean replay =
        method.equals("POST")
            && path.startsWith("/v1/workflows/")
            && (path.endsWith("/replay") || path.endsWith("/replay-check"));
    if (method.equals("GET") || method.equals("HEAD") || replay) {
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

  /**
   * The workflow type a request is about ({@code /v1/workflows/{type}/...}), or {@code null} for a
   * request that spans types.
   */
  static String workflowType(String path) {
    String prefix = "/v1/workflows/";
    if (!path.startsWith(prefix) || path.length() == prefix.length()) {
      return null;
    }
    int end = path.indexOf('/', prefix.length());
    return path.substring(prefix.length(), end < 0 ? path.length() : end);
  }
}
