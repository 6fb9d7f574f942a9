package io.onex.engine.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Keeps a fixed number of requests in flight until a count or a deadline is reached, timing each.
 * Each completion starts the next request on the thread that completed it, so the driver starts no
 * thread per request and hangs no callback on the common pool.
 */
final class LoadDriver {

  /** What a run measured. */
  record Measurement(
      long operations,
      long failures,
      long timeouts,
      Duration elapsed,
      ConcurrentHistogram latencyMicros) {

    /**
     * The figure set of this run; besides {@code figures}, it always reports the requests that
     * failed and, of those, the ones that waited for a timeout.
     */
    BenchResult toResult(String scenario, String phase, Map<String, Double> figures) {
      double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
      Map<String, Double> all = new java.util.LinkedHashMap<>();
      if (figures != null) {
        all.putAll(figures);
      }
      all.put("failures", (double) failures);
      all.put("timeouts", (double) timeouts);
      return new BenchResult(
          scenario,
          phase,
          operations,
          operations / seconds,
          latencyMicros.getValueAtPercentile(50) / 1000.0,
          latencyMicros.getValueAtPercentile(95) / 1000.0,
          latencyMicros.getValueAtPercentile(99) / 1000.0,
          latencyMicros.getMaxValue() / 1000.0,
          null,
          all);
    }
  }

  private final Progress progress;
  private final ScheduledExecutorService pacer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "bench-pacer");
            thread.setDaemon(true);
            return thread;
          });

  LoadDriver(Progress progress) {
    this.progress = progress;
  }

  /**
   * Runs {@code request(i)} for i from 0 to {@code total - 1} with {@code concurrency} in flight,
   * stopping early at {@code deadline}.
   */
  Measurement run(
      String label,
      long total,
      int concurrency,
      Duration deadline,
      LongFunction<CompletionStage<?>> request) {
    return run(label, total, concurrency, deadline, 0, request);
  }

  /**
   * Like {@link #run(String, long, int, Duration, LongFunction)}, but starting request i no earlier
   * than i / {@code ratePerSecond} seconds after the start (no pacing when 0). Latency is measured
   * from when a request is sent.
   */
  Measurement run(
      String label,
      long total,
      int concurrency,
      Duration deadline,
      double ratePerSecond,
      LongFunction<CompletionStage<?>> request) {
    ConcurrentHistogram latencies = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicLong timeouts = new AtomicLong();
    long started = System.nanoTime();
    long stopAt = started + deadline.toNanos();
    CompletableFuture<Void> finished = new CompletableFuture<>();
    AtomicLong workers = new AtomicLong(Math.min(concurrency, Math.max(total, 1)));
    progress.start(label, done, total);
    Runnable[] worker = new Runnable[1];
    java.util.function.LongConsumer send =
        index -> {
          long sent = System.nanoTime();
          CompletionStage<?> reply;
          try {
            reply = request.apply(index);
          } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
          }
          reply.whenCompleteAsync(
              (value, error) -> {
                latencies.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                if (error != null) {
                  failures.incrementAndGet();
                  if (isTimeout(error)) {
                    timeouts.incrementAndGet();
                  }
                }
                done.incrementAndGet();
                worker[0].run();
              },
              Runnable::run);
        };
    worker[0] =
        () -> {
          long index = next.getAndIncrement();
          if (index >= total || System.nanoTime() > stopAt) {
            if (workers.decrementAndGet() == 0) {
              finished.complete(null);
            }
            return;
          }
          long wait =
              ratePerSecond > 0
                  ? started + (long) (index * 1e9 / ratePerSecond) - System.nanoTime()
                  : 0;
          if (wait > 0) {
            pacer.schedule(() -> send.accept(index), wait, TimeUnit.NANOSECONDS);
          } else {
            send.accept(index);
          }
        };
    long initial = workers.get();
    for (int i = 0; i < initial; i++) {
      worker[0].run();
    }
    finished.join();
    progress.stop();
    return new Measurement(
        done.get(),
        failures.get(),
        timeouts.get(),
        Duration.ofNanos(System.nanoTime() - started),
        latencies);
  }

  /**
   * Whether a request failed because something waited for a timeout: an ask that was not answered
   * in time, or the engine reporting an instance that did not answer or end in time.
   */
  static boolean isTimeout(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.util.concurrent.TimeoutException
          || cause instanceof java.net.http.HttpTimeoutException
          || cause instanceof io.onex.engine.core.error.EngineUnavailableException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
