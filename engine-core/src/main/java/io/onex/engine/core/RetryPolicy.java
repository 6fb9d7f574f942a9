package io.onex.engine.core;

import java.util.List;

/**
 * How the executor retries an intent that failed: at most {@code maxAttempts} attempts in all, the
 * delay before attempt {@code n + 1} growing from {@code initialBackoffMs} by {@code multiplier} up
 * to {@code maxBackoffMs}, randomised by {@code jitter} (a fraction, 0 to 1), each attempt bounded
 * by {@code attemptTimeoutMs}. {@code retryableErrors} names the error kinds worth retrying; empty
 * means every error is.
 *
 * <p>Immutable; the constructor rejects inconsistent values with an {@link
 * IllegalArgumentException} that names the field.
 */
public record RetryPolicy(
    int maxAttempts,
    long initialBackoffMs,
    long maxBackoffMs,
    double multiplier,
    double jitter,
    long attemptTimeoutMs,
    List<String> retryableErrors) {

  /** Three attempts, 200 ms growing twofold up to 5 s, 20 % jitter, 10 s per attempt. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, 200, 5_000, 2.0, 0.2, 10_000, List.of());

  /** A single attempt and no retry. */
  public static final RetryPolicy NONE = new RetryPolicy(1, 0, 0, 1.0, 0.0, 10_000, List.of());

  public RetryPolicy {
    require(maxAttempts >= 1, "maxAttempts must be at least 1, was " + maxAttempts);
    require(
        initialBackoffMs >= 0, "initialBackoffMs must not be negative, was " + initialBackoffMs);
    require(maxBackoffMs >= initialBackoffMs, "maxBackoffMs must be at least initialBackoffMs");
    require(multiplier >= 1.0, "multiplier must be at least 1.0, was " + multiplier);
    require(jitter >= 0.0 && jitter <= 1.0, "jitter must be between 0 and 1, was " + jitter);
    require(attemptTimeoutMs > 0, "attemptTimeoutMs must be positive, was " + attemptTimeoutMs);
    retryableErrors = retryableErrors == null ? List.of() : List.copyOf(retryableErrors);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Invalid retry policy: " + message);
    }
  }
}
