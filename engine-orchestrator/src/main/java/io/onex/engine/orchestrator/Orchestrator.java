package io.onex.engine.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.error.EngineUnavailableException;
import io.onex.engine.orchestrator.internal.CatalogProtocol;
import io.onex.engine.orchestrator.internal.DependencyCheck;
import io.onex.engine.orchestrator.internal.SpecCatalogBehavior;
import io.onex.engine.orchestrator.internal.SpecInstaller;
import io.onex.engine.orchestrator.internal.SpecInstalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The declarative orchestrator of one node: workflows defined as data ({@link WorkflowSpec}), run
 * by the built-in orchestrating reducer, registered in the cluster's durable catalog and shared by
 * every node. Two steps, because its {@code workflow} handler must be part of the engine it acts
 * on:
 *
 * <pre>{@code
 * Orchestrator orchestrator = Orchestrator.create();
 * WorkflowEngine engine = WorkflowEngine.builder(config).handler(orchestrator.workflowHandler()).start();
 * SpecCatalog specs = orchestrator.start(engine);
 * }</pre>
 *
 * Settings are under {@code onex.orchestrator} (see this module's reference.conf).
 */
public final class Orchestrator {

  private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);

  private final WorkflowIntentHandler handler = new WorkflowIntentHandler();

  private Orchestrator() {}

  /** An orchestrator whose engine is yet to be built. */
  public static Orchestrator create() {
    return new Orchestrator();
  }

  /** The {@code workflow} intent handler, for {@code WorkflowEngineBuilder.handler}. */
  public Function<ActorSystem<?>, EffectHandler> workflowHandler() {
    return system -> handler;
  }

  /**
   * Starts the orchestrator on {@code engine}: installs every spec and rollout of the cluster's
   * catalog from the journal, keeps this node's copy current, checks dependencies before each spec
   * instance starts, and registers the specs in {@code onex.orchestrator.specs-dir} when it is set.
   * Throws when a spec there is invalid or conflicts with a registered one, naming the file.
   */
  public SpecCatalog start(WorkflowEngine engine) {
    ActorSystem<?> system = engine.system();
    Config settings = system.settings().config().getConfig("onex.orchestrator");
    Duration askTimeout = settings.getDuration("ask-timeout");
    SpecInstalls installs = new SpecInstalls(engine.registry());
    installFromJournal(system, installs);
    ActorRef<CatalogProtocol.Command> catalog =
        ClusterSingleton.get(system)
            .init(
                SingletonActor.of(
                    Behaviors.supervise(SpecCatalogBehavior.create())
                        .onFailure(SupervisorStrategy.restart()),
                    "onex-workflow-specs"));
    system.systemActorOf(
        SpecInstaller.create(installs, catalog, settings.getDuration("refresh-interval")),
        "onex-spec-installer",
        org.apache.pekko.actor.typed.Props.empty());
    engine
        .operations()
        .addStartCheck(new DependencyCheck(installs, engine.operations(), engine.registry()));
    handler.bind(engine.client());
    SpecCatalog specs = new SpecCatalog(engine, catalog, installs, askTimeout);
    List<String> resources =
        settings.hasPath("spec-resources") ? settings.getStringList("spec-resources") : List.of();
    for (String resource : resources) {
      loadResource(specs, resource, settings.getDuration("load-timeout"));
    }
    String dir = settings.getString("specs-dir");
    if (!dir.isBlank()) {
      loadDirectory(specs, Path.of(dir), settings.getDuration("load-timeout"));
    }
    return specs;
  }

  private static void installFromJournal(ActorSystem<?> system, SpecInstalls installs) {
    JdbcReadJournal journal =
        PersistenceQuery.get(system)
            .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    List<EventEnvelope> events =
        journal
            .currentEventsByPersistenceId(
                SpecCatalogBehavior.PERSISTENCE_ID.id(), 0L, Long.MAX_VALUE)
            .runWith(Sink.seq(), system)
            .toCompletableFuture()
            .join();
    for (EventEnvelope envelope : events) {
      try {
        installs.install((CatalogProtocol.Event) envelope.event());
      } catch (RuntimeException e) {
        log.error("Could not install catalog event {}: {}", envelope.sequenceNr(), e.getMessage());
      }
    }
  }

  /** Registers the spec at class path resource {@code resource}. */
  private static void loadResource(SpecCatalog specs, String resource, Duration timeout) {
    String text;
    try (InputStream in = Orchestrator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "Expected workflow spec resource '" + resource + "' on the class path, but it is not");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read workflow spec resource " + resource, e);
    }
    registerOrExplain(specs, text, timeout, resource);
  }

  /**
   * Registers every {@code .json}, {@code .yaml} and {@code .yml} file of {@code dir}, in name
   * order; one already registered with the same body is left as it is.
   */
  private static void loadDirectory(SpecCatalog specs, Path dir, Duration timeout) {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(p -> p.getFileName().toString().matches(".*\\.(json|ya?ml)$"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Expected a directory of workflow specs at "
              + dir.toAbsolutePath()
              + ", but cannot list it",
          e);
    }
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read workflow spec " + file, e);
      }
      registerOrExplain(specs, text, timeout, file.toString());
    }
  }

  /** Registers the spec in {@code text}; a refusal stops the start, naming {@code source}. */
  private static void registerOrExplain(
      SpecCatalog specs, String text, Duration timeout, String source) {
    try {
      register(specs, WorkflowSpecs.read(text), timeout);
      log.info("Registered workflow spec {}", source);
    } catch (RuntimeException e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "Workflow spec " + source + " was refused: " + cause.getMessage(), cause);
    }
  }

  /** Registers {@code document}, retrying while the catalog singleton is not yet reachable. */
  private static void register(SpecCatalog specs, JsonNode document, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String type = document.path("type").asText();
    int version = document.path("version").asInt();
    while (true) {
      try {
        specs.register(type, version, document).toCompletableFuture().join();
        return;
      } catch (CompletionException e) {
        boolean unavailable = e.getCause() instanceof EngineUnavailableException;
        if (!unavailable || System.nanoTime() > deadline) {
          throw e;
        }
        log.info("The spec catalog is not reachable yet; trying again");
      }
    }
  }
}
