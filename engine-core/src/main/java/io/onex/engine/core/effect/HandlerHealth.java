package io.onex.engine.core.effect;

/** Whether a handler can do its work, with a short detail. */
public record HandlerHealth(boolean healthy, String detail) {

  public static HandlerHealth healthy(String detail) {
    return new HandlerHealth(true, detail);
  }

  public static HandlerHealth unhealthy(String detail) {
    return new HandlerHealth(false, detail);
  }
}
