package io.onex.engine.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * The outcome of the engine's health checks: each named check (for example {@code journal}, {@code
 * cluster}, {@code instances}) with whether it passed and a short detail. A critical check that
 * fails means the node cannot serve ({@link Status#DOWN}); a failing check that is not critical
 * means it serves with something to look at ({@link Status#DEGRADED}).
 */
public record EngineHealth(Map<String, Check> checks) {

  public EngineHealth {
    checks = Map.copyOf(checks);
  }

  /** How the node is, all checks taken together. */
  public enum Status {
    /** Every check passed. */
    UP,
    /** Only checks that are not critical failed: the node serves everything else. */
    DEGRADED,
    /** A critical check failed: the node cannot serve. */
    DOWN
  }

  /**
   * One check: whether it passed, what was seen, whether its failure stops the node from serving,
   * and whether a failure is only a degradation: the part works in a reduced way and recovers by
   * itself (an event bus whose brokers are away holds its events and publishes them when they are
   * back), shown as {@code DEGRADED} rather than {@code DOWN}.
   */
  public record Check(boolean up, String detail, boolean critical, boolean degraded) {

    public Check {
      degraded = degraded && !up;
    }

    /** A check that is up or down. */
    public Check(boolean up, String detail, boolean critical) {
      this(up, detail, critical, false);
    }

    /** A critical check. */
    public Check(boolean up, String detail) {
      this(up, detail, true);
    }

    /** A check that is not critical and, when not up, degraded. */
    public static Check degradedUnless(boolean up, String detail) {
      return new Check(up, detail, false, true);
    }

    /** How the check reads: UP, DEGRADED or DOWN. */
    @JsonIgnore
    public String state() {
      return up ? "UP" : degraded ? "DEGRADED" : "DOWN";
    }
  }

  /** The node's status from its checks. */
  @JsonIgnore
  public Status status() {
    if (checks.values().stream().anyMatch(check -> !check.up() && check.critical())) {
      return Status.DOWN;
    }
    return checks.values().stream().allMatch(Check::up) ? Status.UP : Status.DEGRADED;
  }

  /** Whether every check passed. */
  @JsonIgnore
  public boolean up() {
    return status() == Status.UP;
  }
}
