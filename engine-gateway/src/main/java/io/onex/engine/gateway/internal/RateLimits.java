package io.onex.engine.gateway.internal;

import com.typesafe.config.Config;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Per-principal request limits ({@code onex.http.rate-limit}): each principal may make {@code
 * requests} per {@code period}; past that, a request is refused at once with how many seconds to
 * wait. Thread-safe.
 */
final class RateLimits {

  private final RateLimiterRegistry limiters;
  private final boolean enabled;

  RateLimits(Config http) {
    Config limit = http.getConfig("rate-limit");
    int requests = limit.getInt("requests");
    this.enabled = requests > 0;
    this.limiters =
        RateLimiterRegistry.of(
            RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, requests))
                .limitRefreshPeriod(limit.getDuration("period"))
                .timeoutDuration(Duration.ZERO)
                .build());
  }

  /**
   * Empty when {@code principal} may make one more request now; otherwise the whole seconds until
   * it may (at least 1), for {@code Retry-After}.
   */
  OptionalLong refusal(String principal) {
    if (!enabled) {
      return OptionalLong.empty();
    }
    RateLimiter limiter = limiters.rateLimiter(principal);
    if (limiter.acquirePermission()) {
      return OptionalLong.empty();
    }
    long nanos =
        limiter instanceof AtomicRateLimiter atomic
            ? atomic.getDetailedMetrics().getNanosToWait()
            : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
    return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
  }
}
