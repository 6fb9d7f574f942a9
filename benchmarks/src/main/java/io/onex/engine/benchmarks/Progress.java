package io.onex.engine.benchmarks;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Prints a progress line every two seconds while a phase runs. */
final class Progress implements AutoCloseable {

  private final PrintStream out;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "bench-progress");
            thread.setDaemon(true);
            return thread;
          });
  private ScheduledFuture<?> task;

  Progress(PrintStream out) {
    this.out = out;
  }

  void start(String label, AtomicLong done, long total) {
    long started = System.nanoTime();
    task =
        timer.scheduleAtFixedRate(
            () -> {
              double seconds = (System.nanoTime() - started) / 1e9;
              out.printf(
                  "  %s: %d/%d done, %.0f/s%n", label, done.get(), total, done.get() / seconds);
            },
            2,
            2,
            TimeUnit.SECONDS);
  }

  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  void note(String message) {
    out.println("  " + message);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
