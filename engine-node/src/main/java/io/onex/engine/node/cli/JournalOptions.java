package io.onex.engine.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.secrets.Secrets;
import io.onex.engine.node.NodeConfig;
import io.onex.engine.persistence.HistoryInspector;
import io.onex.engine.persistence.InstanceIndex;
import io.onex.engine.persistence.JournalSchema;
import io.onex.engine.persistence.JournalSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Option;

/** Where the journal is: a stopped node's data directory, or a JDBC URL. */
final class JournalOptions {
  @Option(
      names = "--data-dir",
      description = "Data directory of a stopped node (embedded H2 journal).")
  Path dataDir;

  @Option(names = "--journal-url", description = "JDBC URL of the journal (PostgreSQL or H2).")
  String url;

  @Option(names = "--user", description = "Journal user.")
  String user;

  @Option(names = "--password", description = "Journal password.")
  String password;

  <T> T withJournal(
      WorkflowRegistry registry, boolean createSchema, Function<HistoryInspector, T> use) {
    return withSystem(
        createSchema, (system, journal) -> use.apply(HistoryInspector.create(system, registry)));
  }

  /** Runs {@code use} with the journal's instance index. */
  <T> T withIndex(boolean createSchema, Function<InstanceIndex, T> use) {
    return withSystem(
        createSchema,
        (system, journal) -> {
          try (InstanceIndex index =
              InstanceIndex.open(
                  system,
                  journal,
                  system.settings().config().getConfig("onex.index"),
                  Clock.systemUTC(),
                  Duration.ofSeconds(30))) {
            return use.apply(index);
          }
        });
  }

  /** Runs {@code use} with a local actor system on the journal and the journal's settings. */
  <T> T withSystem(boolean createSchema, BiFunction<ActorSystem<?>, JournalSettings, T> use) {
    Map<String, Object> overrides = new HashMap<>();
    if (dataDir != null) {
      overrides.put("onex.data-dir", dataDir.toAbsolutePath().toString());
    }
    if (url != null) {
      overrides.put("onex.journal.url", url);
    }
    if (user != null) {
      overrides.put("onex.journal.user", user);
    }
    if (password != null) {
      overrides.put("onex.journal.password", password);
    }
    Config config =
        Secrets.resolveIn(
            ConfigFactory.parseMap(overrides).withFallback(NodeConfig.withOverlay("dev")));
    JournalSettings journal = JournalSettings.fromConfig(config);
    if (createSchema) {
      JournalSchema.ensure(journal);
    }
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(),
            "onex-history",
            journal
                .toPekkoConfig()
                .withFallback(ConfigFactory.parseString("pekko.actor.provider = local"))
                .withFallback(config));
    try {
      return use.apply(system, journal);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
    }
  }
}
