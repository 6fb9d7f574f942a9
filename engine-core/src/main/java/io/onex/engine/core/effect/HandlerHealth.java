package io.onex.engine.core.effect;

/**
 * Whether a handler can do its work now (seed 004's health shape): {@code healthy}, a short {@code
 * detail}, how long the check took in milliseconds ({@code latencyMs}, or {@code null} when it
 * reached nothing), and the last error the handler met ({@code lastError}, or {@code null}).
 */
public record HandlerHealth(boolean healthy, String detail, Long latencyMs, String lastError) {

  public static HandlerHealth healthy(String detail) {
    return new HandlerHealth(true, detail, null, null);
  }

  public static HandlerHealth unhealthy(String detail) {
    return new HandlerHealth(false, detail, null, null);
  }

  /** The same health, measured to take {@code millis}. */
  public HandlerHealth withLatency(long millis) {
    return new HandlerHealth(healthy, detail, millis, lastError);
  }

  /** The same health, with {@code error} as the last error met. */
  public HandlerHealth withLastError(String error) {
    return new HandlerHealth(healthy, detail, latencyMs, error);
  }
}
