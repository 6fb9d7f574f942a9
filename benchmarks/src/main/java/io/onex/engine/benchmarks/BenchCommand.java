package io.onex.engine.benchmarks;

import io.onex.engine.core.json.EngineJson;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark command: runs the chosen scenarios on the chosen journal, prints a table and one
 * {@code RESULT ...} line per figure set, and writes the same as JSON to {@code --out}. Raw Pekko
 * persistence is measured in the same run whenever another scenario needs its ratio.
 */
@Command(
    name = "onex-bench",
    mixinStandardHelpOptions = true,
    description =
        "Measures the engine's throughput, latency, recovery and memory against raw Pekko persistence.")
public final class BenchCommand implements Callable<Integer> {

  /** What every scenario runs with. */
  record Settings(
      int instances,
      int actions,
      int concurrency,
      Duration duration,
      int recoveryEvents,
      int memoryInstances,
      Duration passivation,
      int recoveryRuns,
      Duration ioLatency,
      int ioInFlight,
      String httpClient,
      Duration warmUp) {}

  @Option(
      names = "--scenario",
      defaultValue = "all",
      description =
          "all, or a comma-separated list of: raw, actions, http, raw-workflows, workflows, io-workflows, recovery, memory (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(
      names = "--journal",
      defaultValue = "h2",
      description =
          "h2 (embedded file database) or postgres (embedded PostgreSQL started by the command) (default: ${DEFAULT-VALUE}).")
  String journal;

  @Option(
      names = "--instances",
      defaultValue = "1000",
      description =
          "Instances the throughput scenarios spread their actions over (default: ${DEFAULT-VALUE}).")
  int instances;

  @Option(
      names = "--actions",
      defaultValue = "20",
      description =
          "Actions per instance: the first is the cold one, the rest warm (default: ${DEFAULT-VALUE}).")
  int actions;

  @Option(
      names = "--concurrency",
      defaultValue = "64",
      description = "Requests kept in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      description =
          "Longest time one phase may run; it stops early when reached (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(
      names = "--recovery-events",
      defaultValue = "10000",
      description =
          "Events of the instance the recovery scenario recovers (default: ${DEFAULT-VALUE}).")
  int recoveryEvents;

  @Option(
      names = "--memory-instances",
      defaultValue = "20000",
      description = "Active instances the memory scenario measures (default: ${DEFAULT-VALUE}).")
  int memoryInstances;

  @Option(
      names = "--passivate-after",
      defaultValue = "5s",
      description =
          "Idle time after which the memory scenario's instances passivate (default: ${DEFAULT-VALUE}).")
  String passivateAfter;

  @Option(
      names = "--recovery-runs",
      defaultValue = "3",
      description =
          "Times each recovery is measured; the median is reported (default: ${DEFAULT-VALUE}).")
  int recoveryRuns;

  @Option(
      names = "--io-latency",
      defaultValue = "50ms",
      description =
          "How long each effect of the io-workflows scenario takes to answer (default: ${DEFAULT-VALUE}).")
  String ioLatency;

  @Option(
      names = "--io-in-flight",
      defaultValue = "1000",
      description =
          "Workflows the io-workflows scenario keeps in flight (default: ${DEFAULT-VALUE}).")
  int ioInFlight;

  @Option(
      names = "--http-client",
      defaultValue = "auto",
      description =
          "Load client of the http scenario's timed phases: wrk (the Debian package, on the PATH),"
              + " pekko (the Pekko HTTP client in this JVM), or auto: wrk when installed, else"
              + " pekko (default: ${DEFAULT-VALUE}).")
  String httpClient;

  @Option(
      names = "--warm-up",
      defaultValue = "3m",
      description =
          "Longest warm-up before each measured phase: rounds of the phase's load run until the"
              + " JIT compiler settles (compiles in under 5%% of a round) or this has passed; 0s"
              + " runs one round (default: ${DEFAULT-VALUE}).")
  String warmUp;

  @Option(names = "--out", description = "Also write the results as JSON to this file.")
  Path out;

  private final PrintStream stdout;

  BenchCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  public static void main(String[] args) {
    System.setProperty("ONEX_LOG_ROOT", "WARN");
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    System.exit(run(System.out, args));
  }

  /** Runs the command line {@code args}; returns the exit code. */
  static int run(PrintStream out, String... args) {
    return new CommandLine(new BenchCommand(out))
        .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
        .execute(args);
  }

  @Override
  public Integer call() throws IOException {
    Settings settings =
        new Settings(
            instances,
            actions,
            concurrency,
            parseDuration(duration),
            recoveryEvents,
            memoryInstances,
            parseDuration(passivateAfter),
            recoveryRuns,
            parseDuration(ioLatency),
            ioInFlight,
            httpClient,
            parseDuration(warmUp));
    List<String> chosen = scenario.equals("all") ? ALL : List.of(scenario.split(","));
    for (String name : chosen) {
      if (!ALL.contains(name)) {
        throw new CommandLine.ParameterException(
            new CommandLine(this),
            "Unknown scenario '" + name + "'; expected all or one of " + String.join(", ", ALL));
      }
    }
    if (!List.of("auto", "wrk", "pekko").contains(httpClient)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "Unknown --http-client '" + httpClient + "'; expected auto, wrk or pekko");
    }
    List<BenchResult> results = new ArrayList<>();
    try (BenchJournal database = new BenchJournal(journal);
        Progress progress = new Progress(stdout)) {
      Scenarios scenarios = new Scenarios(database, progress, settings);
      Map<String, BenchResult> baselines = new LinkedHashMap<>();
      for (String name : runOrder(chosen)) {
        stdout.println("scenario " + name + " (" + journal + ")");
        String baseline = BASELINE_OF.get(name);
        for (BenchResult result : run(scenarios, name)) {
          baselines.put(name + "/" + result.phase(), result);
          BenchResult base =
              baseline == null ? null : baselines.get(baseline + "/" + result.phase());
          BenchResult reported =
              base == null
                  ? result
                  : result
                      .withRatio(result.throughput() / base.throughput())
                      .withFigure("p99_vs_raw", result.p99Ms() / base.p99Ms());
          if (chosen.contains(name)) {
            results.add(BASELINE_OF.containsValue(name) ? reported.withRatio(1.0) : reported);
          }
        }
      }
    }
    printTable(results);
    results.forEach(result -> stdout.println(result.resultLine()));
    if (out != null) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("journal", journal);
      report.put("settings", settings);
      report.put("results", results);
      Files.writeString(
          out, EngineJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }
    return 0;
  }

  /** Every scenario, in the order {@code all} runs them. */
  static final List<String> ALL =
      List.of(
          "raw",
          "actions",
          "http",
          "raw-workflows",
          "workflows",
          "io-workflows",
          "recovery",
          "memory");

  /** The baseline a scenario's {@code ratio_vs_raw} is taken against, phase by phase. */
  private static final Map<String, String> BASELINE_OF =
      Map.of("actions", "raw", "workflows", "raw-workflows");

  /** The chosen scenarios in run order, each preceded by the baseline it is compared with. */
  private static List<String> runOrder(List<String> chosen) {
    List<String> order = new ArrayList<>();
    for (String name : ALL) {
      boolean needed =
          chosen.contains(name)
              || BASELINE_OF.entrySet().stream()
                  .anyMatch(e -> e.getValue().equals(name) && chosen.contains(e.getKey()));
      if (needed) {
        order.add(name);
      }
    }
    return order;
  }

  private static List<BenchResult> run(Scenarios scenarios, String name) {
    return switch (name) {
      case "raw" -> scenarios.raw();
      case "actions" -> scenarios.actions();
      case "http" -> scenarios.http();
      case "raw-workflows" -> scenarios.rawWorkflows();
      case "workflows" -> scenarios.workflows();
      case "io-workflows" -> scenarios.ioWorkflows();
      case "recovery" -> scenarios.recovery();
      case "memory" -> scenarios.memory();
      default ->
          throw new CommandLine.ParameterException(
              new CommandLine(BenchCommand.class), "Unknown scenario '" + name + "'");
    };
  }

  private void printTable(List<BenchResult> results) {
    stdout.printf(
        "%n%-10s %-13s %9s %10s %8s %8s %8s %9s %6s%n",
        "SCENARIO", "PHASE", "OPS", "OPS/S", "P50 ms", "P95 ms", "P99 ms", "MAX ms", "RATIO");
    for (BenchResult r : results) {
      stdout.printf(
          Locale.ROOT,
          "%-10s %-13s %9d %10.1f %8.2f %8.2f %8.2f %9.2f %6s%n",
          r.scenario(),
          r.phase(),
          r.operations(),
          r.throughput(),
          r.p50Ms(),
          r.p95Ms(),
          r.p99Ms(),
          r.maxMs(),
          r.ratioVsRaw() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.ratioVsRaw()));
    }
  }

  private static Duration parseDuration(String text) {
    return Duration.ofMillis(
        com.typesafe.config.ConfigFactory.parseString("d = " + text).getDuration("d").toMillis());
  }
}
