package io.onex.engine.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * The outcome of the engine's health checks: each named check (for example {@code journal}, {@code
 * cluster}) with whether it passed and a short detail. The engine is up when all pass.
 */
public record EngineHealth(Map<String, Check> checks) {

  public EngineHealth {
    checks = Map.copyOf(checks);
  }

  /** One check: whether it passed, and what was seen. */
  public record Check(boolean up, String detail) {}

  /** Whether every check passed. */
  @JsonIgnore
  public boolean up() {
    return checks.values().stream().allMatch(Check::up);
  }
}
