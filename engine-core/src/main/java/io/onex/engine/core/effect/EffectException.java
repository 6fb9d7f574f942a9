package io.onex.engine.core.effect;

/**
 * An attempt at an intent failed. {@code errorType} names the kind of failure (for example {@code
 * http-503}, {@code timeout}), which retry policies match against; {@code retryable} says whether
 * trying again may succeed.
 */
public final class EffectException extends RuntimeException {

  private final String errorType;
  private final boolean retryable;

  public EffectException(String errorType, String message, boolean retryable) {
    super(message);
    this.errorType = errorType;
    this.retryable = retryable;
  }

  public EffectException(String errorType, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.errorType = errorType;
    this.retryable = retryable;
  }

  /** A failure that trying again may fix. */
  public static EffectException retryable(String errorType, String message) {
    return new EffectException(errorType, message, true);
  }

  /** A failure that trying again will not fix. */
  public static EffectException permanent(String errorType, String message) {
    return new EffectException(errorType, message, false);
  }

  public String errorType() {
    return errorType;
  }

  public boolean retryable() {
    return retryable;
  }
}
