package io.onex.engine.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.json.EngineJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the benchmark command works end to end at a smoke size. It asserts what the command
 * reports, never how fast anything was: figures come from the command itself.
 */
class BenchCommandSmokeTest {

  @TempDir Path dir;

  @Test
  void shouldRunEveryScenarioAndReportEachAsTableLineAndJson() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Path json = dir.resolve("bench.json");

    int exit =
        BenchCommand.run(
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            "--instances",
            "20",
            "--actions",
            "3",
            "--concurrency",
            "8",
            "--recovery-events",
            "50",
            "--memory-instances",
            "50",
            "--passivate-after",
            "300ms",
            "--recovery-runs",
            "1",
            "--io-in-flight",
            "8",
            "--io-latency",
            "5ms",
            "--duration",
            "5s",
            "--warm-up",
            "0s",
            "--out",
            json.toString());

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    assertThat(output.lines().filter(line -> line.startsWith("RESULT scenario="))).hasSize(15);
    assertThat(output)
        .contains("RESULT scenario=raw phase=warm")
        .contains("RESULT scenario=actions phase=warm")
        .containsPattern(
            "RESULT scenario=actions phase=warm throughput=[0-9.]+ p50_ms=[0-9.]+ p99_ms=[0-9.]+ ratio_vs_raw=[0-9.]+")
        .contains("RESULT scenario=actions phase=half-rate")
        .containsPattern(
            "RESULT scenario=workflows phase=end-to-end throughput=[0-9.]+ p50_ms=[0-9.]+ p99_ms=[0-9.]+ ratio_vs_raw=[0-9.]+ failures=0 timeouts=0")
        .contains("RESULT scenario=http phase=ceiling")
        .contains("RESULT scenario=http phase=raw")
        .containsPattern(
            "RESULT scenario=http phase=warm throughput=[0-9.]+ p50_ms=[0-9.]+ p99_ms=[0-9.]+ ratio_vs_raw=[0-9.]+ failures=0 timeouts=0")
        .containsPattern("RESULT scenario=io-workflows phase=end-to-end .* ratio_vs_bound=[0-9.]+")
        .contains("RESULT scenario=recovery phase=no-snapshots")
        .contains("fresh_node_ms=")
        .contains("heap_active_mb=");
    JsonNode report = EngineJson.mapper().readTree(Files.readString(json));
    assertThat(report.get("journal").asText()).isEqualTo("h2");
    assertThat(report.get("results")).hasSize(15);
    assertThat(report.at("/results/3/operations").asLong()).isEqualTo(40);
    assertThat(report.at("/results/3/ratioVsRaw").isNumber()).isTrue();
  }

  @Test
  void shouldExplainEveryOption() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    int exit = BenchCommand.run(new PrintStream(printed, true, StandardCharsets.UTF_8), "--help");

    assertThat(exit).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("--scenario")
        .contains("--journal")
        .contains("--instances")
        .contains("--actions")
        .contains("--concurrency")
        .contains("--duration")
        .contains("--warm-up")
        .contains("--http-client")
        .contains("--out");
  }
}
