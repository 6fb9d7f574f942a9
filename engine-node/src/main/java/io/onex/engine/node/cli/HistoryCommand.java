package io.onex.engine.node.cli;

import io.onex.engine.core.Intent;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.ReplayCheck;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.replay.ReplayReport;
import io.onex.engine.core.replay.WorkflowReplayer;
import io.onex.engine.persistence.HistoryFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code history export|show|replay|import|list|rebuild-index}: reads and writes workflow histories
 * in a stopped node's journal (its data directory, or any JDBC URL) or in NDJSON files, lists
 * instances from the instance index and rebuilds it. {@code replay} exits with 1 when a version
 * diverges, so a CI pipeline can gate a deploy on it; usage and input errors exit with 2.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Export, show, replay and import workflow histories.",
    subcommands = {
      HistoryCommand.Export.class,
      HistoryCommand.Show.class,
      HistoryCommand.Replay.class,
      HistoryCommand.Import.class,
      InstanceListCommand.class,
      RebuildIndexCommand.class
    })
public final class HistoryCommand {

  /** Exit code when a replay diverges. */
  public static final int DIVERGED = 1;

  /** Exit code for usage and input errors. */
  public static final int FAILED = 2;

  private final WorkflowRegistry registry;

  private HistoryCommand(WorkflowRegistry registry) {
    this.registry = registry;
  }

  /** Runs the command line {@code args} (after the word {@code history}); returns the exit code. */
  public static int run(
      WorkflowRegistry registry, PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new HistoryCommand(registry), new Factory(registry));
    commandLine.setOut(out).setErr(err);
    commandLine.setExecutionExceptionHandler(
        (error, line, parsed) -> {
          line.getErr().println("history: " + error.getMessage());
          return FAILED;
        });
    commandLine.setExitCodeExceptionMapper(error -> FAILED);
    return commandLine.execute(args);
  }

  /** One instance of a workflow type. */
  static final class InstanceOptions {
    @Option(names = "--type", required = true, description = "Workflow type.")
    String type;

    @Option(names = "--id", description = "Instance id.")
    String id;
  }

  /** Where a history comes from: an instance in the journal, or an exported file. */
  static final class HistorySource {
    @Option(names = "--type", description = "Workflow type.")
    String type;

    @Option(names = "--id", description = "Instance id (read from the journal).")
    String id;

    @Option(names = "--file", description = "An exported NDJSON history instead of the journal.")
    Path file;

    List<WorkflowEvent> events(WorkflowRegistry registry, JournalOptions journal) {
      if (file != null) {
        return readFile(file);
      }
      if (type == null || id == null) {
        throw new IllegalArgumentException("Give --type and --id to read the journal, or --file");
      }
      return journal.withJournal(registry, false, inspector -> join(inspector.history(type, id)));
    }
  }

  @Command(name = "export", description = "Write an instance's history as NDJSON.")
  static final class Export implements Callable<Integer> {
    private final WorkflowRegistry registry;

    @Mixin JournalOptions journal;
    @Mixin InstanceOptions instance;

    @Option(names = "--out", description = "File to write (standard output by default).")
    Path out;

    Export(WorkflowRegistry registry) {
      this.registry = registry;
    }

    @Override
    public Integer call() throws IOException {
      List<WorkflowEvent> events =
          journal.withJournal(
              registry,
              false,
              inspector -> join(inspector.history(instance.type, requireId(instance))));
      if (out == null) {
        PrintWriter stdout = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        HistoryFiles.write(events, stdout);
      } else {
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
          HistoryFiles.write(events, writer);
        }
      }
      return 0;
    }
  }

  @Command(name = "show", description = "Print a readable timeline of an instance's history.")
  static final class Show implements Callable<Integer> {
    private final WorkflowRegistry registry;

    @Mixin JournalOptions journal;
    @Mixin HistorySource source;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Show(WorkflowRegistry registry) {
      this.registry = registry;
    }

    @Override
    public Integer call() {
      List<WorkflowEvent> events = source.events(registry, journal);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "%-5s %-30s %-18s %-36s %-10s %s%n",
          "SEQ", "TIME", "ACTION", "CAUSATION", "STATUS", "INTENTS");
      for (WorkflowEvent event : events) {
        out.printf(
            "%-5d %-30s %-18s %-36s %-10s %s%n",
            event.sequence(),
            event.timestamp(),
            event.action().type(),
            event.causationId(),
            event.status(),
            event.intents().stream()
                .map(HistoryCommand::describe)
                .collect(Collectors.joining(", ")));
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "replay",
      description =
          "Replay histories against a definition version: one instance (--id or --file), or every"
              + " unfinished instance of --type. Exits with 1 on any divergence.")
  static final class Replay implements Callable<Integer> {
    private final WorkflowRegistry registry;

    @Mixin JournalOptions journal;
    @Mixin HistorySource source;

    @Option(
        names = "--version",
        required = true,
        description = "Definition version to replay against.")
    int version;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Replay(WorkflowRegistry registry) {
      this.registry = registry;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<ReplayReport> diverging;
      int checked;
      if (source.file == null && source.id == null) {
        if (source.type == null) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "Give --type, with --id or alone, or --file");
        }
        ReplayCheck check =
            journal.withJournal(
                registry, false, inspector -> join(inspector.replayCheck(source.type, version)));
        diverging = check.diverging();
        checked = check.checked();
      } else {
        ReplayReport report =
            WorkflowReplayer.of(registry).replay(source.events(registry, journal), version);
        diverging = report.agrees() ? List.of() : List.of(report);
        checked = 1;
      }
      out.println(
          checked
              + " instance(s) replayed against version "
              + version
              + ", "
              + diverging.size()
              + " diverging");
      for (ReplayReport report : diverging) {
        out.println(json(report));
      }
      out.flush();
      return diverging.isEmpty() ? 0 : DIVERGED;
    }
  }

  @Command(name = "import", description = "Write an exported NDJSON history into a journal.")
  static final class Import implements Callable<Integer> {
    private final WorkflowRegistry registry;

    @Mixin JournalOptions journal;

    @Option(names = "--file", required = true, description = "The NDJSON history to import.")
    Path file;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Import(WorkflowRegistry registry) {
      this.registry = registry;
    }

    @Override
    public Integer call() {
      List<WorkflowEvent> events = readFile(file);
      int written =
          journal.withJournal(
              registry,
              true,
              inspector -> join(inspector.importHistory(events, Duration.ofSeconds(30))));
      WorkflowEvent first = events.get(0);
      spec.commandLine()
          .getOut()
          .println(
              "Imported "
                  + written
                  + " events of instance '"
                  + first.instanceId()
                  + "' of type '"
                  + first.workflowType()
                  + "'");
      return 0;
    }
  }

  private static List<WorkflowEvent> readFile(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return HistoryFiles.read(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String requireId(InstanceOptions instance) {
    if (instance.id == null) {
      throw new IllegalArgumentException("Give --id");
    }
    return instance.id;
  }

  private static String describe(Intent intent) {
    return intent.type() + ":" + intent.target() + "#" + intent.intentId().substring(0, 8);
  }

  private static String json(Object value) {
    try {
      return EngineJson.mapper().writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** Gives the subcommands the registry of the definitions to replay with. */
  private record Factory(WorkflowRegistry registry) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(WorkflowRegistry.class).newInstance(registry);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
