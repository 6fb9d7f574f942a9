package io.onex.engine.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Map;

/**
 * One measured figure set: a scenario and phase (cold: the first message of each instance, which
 * recovers it; warm: the rest), how many operations, their rate, latency percentiles in
 * milliseconds, the ratio of the rate to raw Pekko's in the same phase, and scenario figures.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchResult(
    String scenario,
    String phase,
    long operations,
    double throughput,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    double maxMs,
    Double ratioVsRaw,
    Map<String, Double> figures) {

  BenchResult withRatio(Double ratio) {
    return new BenchResult(
        scenario, phase, operations, throughput, p50Ms, p95Ms, p99Ms, maxMs, ratio, figures);
  }

  BenchResult withFigure(String name, double value) {
    Map<String, Double> all = new java.util.LinkedHashMap<>();
    if (figures != null) {
      all.putAll(figures);
    }
    all.put(name, value);
    return new BenchResult(
        scenario, phase, operations, throughput, p50Ms, p95Ms, p99Ms, maxMs, ratioVsRaw, all);
  }

  /** The machine-readable line: {@code RESULT scenario=... throughput=... p50_ms=... ...}. */
  String resultLine() {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "RESULT scenario=%s phase=%s throughput=%.1f p50_ms=%.2f p99_ms=%.2f ratio_vs_raw=%s",
                scenario,
                phase,
                throughput,
                p50Ms,
                p99Ms,
                ratioVsRaw == null ? "-" : String.format(Locale.ROOT, "%.2f", ratioVsRaw)));
    if (figures != null) {
      figures.forEach(
          (name, value) -> line.append(' ').append(name).append('=').append(format(value)));
    }
    return line.toString();
  }

  /** A count without decimals, any other figure with two. */
  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
