package io.onex.engine.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of the HTTP scenario's timed phases from <a href="https://github.com/wg/wrk">wrk</a>, an
 * established HTTP load tool written in C (Debian package {@code wrk}): one thread, as many
 * keep-alive connections as requests in flight, AddItem actions sent round the given instances. Its
 * own cost is small enough that on two cores the server, not the client, is measured.
 */
final class WrkLoad {

  private static final Pattern SUMMARY =
      Pattern.compile(
          "WRK requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p95_us=(\\d+) p99_us=(\\d+)"
              + " max_us=(\\d+) status_errors=(\\d+) timeouts=(\\d+) socket_errors=(\\d+)");

  /** Sends request i to {@code <prefix><i mod instances>/actions}; prints the summary line. */
  private static final String SCRIPT =
      """
      local instances = %d
      local prefix = "%s"
      local counter = 0
      request = function()
        local i = counter
        counter = counter + 1
        local body = '{"type":"AddItem","payload":{"sku":"sku-' .. (i %% 5) ..
            '","quantity":1,"unitPrice":9.5}}'
        return wrk.format("POST", prefix .. (i %% instances) .. "/actions",
            {["Content-Type"] = "application/json"}, body)
      end
      done = function(summary, latency, requests)
        local e = summary.errors
        io.write(string.format("WRK requests=%%d duration_us=%%d p50_us=%%d p95_us=%%d" ..
            " p99_us=%%d max_us=%%d status_errors=%%d timeouts=%%d socket_errors=%%d\\n",
            summary.requests, summary.duration, math.floor(latency:percentile(50)),
            math.floor(latency:percentile(95)), math.floor(latency:percentile(99)),
            latency.max, e.status, e.timeout, e.connect + e.read + e.write))
      end
      """;

  private final Path executable;
  private final Progress progress;

  private WrkLoad(Path executable, Progress progress) {
    this.executable = executable;
    this.progress = progress;
  }

  /** wrk from the {@code PATH}, if it is installed. */
  static Optional<WrkLoad> find(Progress progress) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String directory : path.split(File.pathSeparator)) {
      Path candidate = Path.of(directory, "wrk");
      if (!directory.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(new WrkLoad(candidate, progress));
      }
    }
    return Optional.empty();
  }

  /**
   * Sends AddItem actions for {@code duration} to {@code <base><prefix><i>/actions} for i round
   * {@code instances}, {@code connections} in flight, and reports them as {@code scenario} and
   * {@code phase}; a status of 300 or more counts as a failure, a request unanswered within 30 s as
   * a timeout.
   */
  BenchResult run(
      String label,
      String base,
      String prefix,
      int instances,
      int connections,
      Duration duration,
      String scenario,
      String phase,
      Map<String, Double> figures) {
    progress.note(label + ": wrk, " + connections + " connections, " + duration.toSeconds() + " s");
    try {
      Path script = Files.createTempFile("onex-bench-wrk", ".lua");
      try {
        Files.writeString(
            script, String.format(Locale.ROOT, SCRIPT, instances, prefix), StandardCharsets.UTF_8);
        Process process =
            new ProcessBuilder(
                    List.of(
                        executable.toString(),
                        "-t1",
                        "-c" + connections,
                        "-d" + Math.max(1, duration.toSeconds()) + "s",
                        "--timeout",
                        "30s",
                        "-s",
                        script.toString(),
                        base))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Matcher summary = SUMMARY.matcher(output);
        if (exit != 0 || !summary.find()) {
          throw new IllegalStateException("wrk failed (exit " + exit + "): " + output);
        }
        return resultOf(summary, scenario, phase, figures);
      } finally {
        Files.deleteIfExists(script);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while wrk ran", e);
    }
  }

  private static BenchResult resultOf(
      Matcher summary, String scenario, String phase, Map<String, Double> figures) {
    long requests = Long.parseLong(summary.group(1));
    double seconds = Long.parseLong(summary.group(2)) / 1e6;
    long statusErrors = Long.parseLong(summary.group(7));
    long timeouts = Long.parseLong(summary.group(8));
    long socketErrors = Long.parseLong(summary.group(9));
    Map<String, Double> all = new LinkedHashMap<>();
    if (figures != null) {
      all.putAll(figures);
    }
    all.put("failures", (double) (statusErrors + timeouts + socketErrors));
    all.put("timeouts", (double) timeouts);
    return new BenchResult(
        scenario,
        phase,
        requests,
        requests / Math.max(seconds, 1e-9),
        millis(summary.group(3)),
        millis(summary.group(4)),
        millis(summary.group(5)),
        millis(summary.group(6)),
        null,
        all);
  }

  private static double millis(String micros) {
    return Long.parseLong(micros) / 1000.0;
  }
}
