package io.onex.engine.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Warm-up before a measured phase: rounds of the phase's own load, repeated until the JIT compiler
 * has settled (it compiled during less than {@value #SETTLED_SHARE} of the last round's time) or
 * {@code --warm-up} has passed. On two cores the compiler takes minutes to settle for the engine's
 * code path and seconds for a bare baseline's; measured before it settles, a figure says more about
 * the compiler than about the code. Each round's compiling share is printed.
 */
final class WarmUp {

  /** A round in which the compiler ran less than this share of the time counts as settled. */
  static final double SETTLED_SHARE = 0.05;

  private final Progress progress;
  private final Duration longest;
  private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();

  WarmUp(Progress progress, Duration longest) {
    this.progress = progress;
    this.longest = longest;
  }

  /**
   * Runs {@code round} (given the round number from 1) at least once, then again while the compiler
   * has not settled and {@code --warm-up} has not passed.
   */
  void until(String label, IntConsumer round) {
    long deadline = System.nanoTime() + longest.toNanos();
    for (int number = 1; ; number++) {
      long compiledBefore = compiler.getTotalCompilationTime();
      long started = System.nanoTime();
      round.accept(number);
      double elapsedMs = Math.max(1, (System.nanoTime() - started) / 1e6);
      double share = (compiler.getTotalCompilationTime() - compiledBefore) / elapsedMs;
      progress.note(
          String.format(
              Locale.ROOT,
              "%s warm-up round %d: %.1f s, %.0f%% of it compiling",
              label,
              number,
              elapsedMs / 1000,
              share * 100));
      if (share < SETTLED_SHARE || System.nanoTime() >= deadline) {
        return;
      }
    }
  }
}
