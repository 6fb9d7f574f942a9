package io.onex.engine.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.Rollout;
import io.onex.engine.core.concurrent.Stages;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.error.EngineUnavailableException;
import io.onex.engine.core.error.FieldViolation;
import io.onex.engine.core.error.InvalidSpecException;
import io.onex.engine.core.error.SpecConflictException;
import io.onex.engine.core.error.UnknownWorkflowTypeException;
import io.onex.engine.orchestrator.internal.CatalogProtocol;
import io.onex.engine.orchestrator.internal.SpecInstaller;
import io.onex.engine.orchestrator.internal.SpecInstalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.pattern.Patterns;

/**
 * The cluster's workflow specs, as one node sees them: registering a spec version (durably, in the
 * cluster's catalog, then installed on every node before the answer), rolling a version out to a
 * share of new instances, and reading what is registered. Obtained from {@link Orchestrator#start}.
 * Thread-safe.
 */
public final class SpecCatalog {

  private final WorkflowEngine engine;
  private final ActorRef<CatalogProtocol.Command> catalog;
  private final SpecInstalls installs;
  private final Duration askTimeout;

  SpecCatalog(
      WorkflowEngine engine,
      ActorRef<CatalogProtocol.Command> catalog,
      SpecInstalls installs,
      Duration askTimeout) {
    this.engine = engine;
    this.catalog = catalog;
    this.installs = installs;
    this.askTimeout = askTimeout;
  }

  /** What a registration did. */
  public record Registration(boolean created, WorkflowSpec spec) {}

  /**
   * Registers {@code document} as version {@code version} of {@code type}. Completes with {@code
   * created} true when it is new, false when that version was registered before with the same body;
   * fails with {@link InvalidSpecException} (each violation with its JSON pointer, including a type
   * or version that differs from the address) or {@link SpecConflictException} (that version exists
   * with another body, or is defined in Java). Once it completes, every node of the cluster that
   * answered within the ask timeout can start the new version; the others install it at their next
   * refresh.
   */
  public CompletionStage<Registration> register(String type, int version, JsonNode document) {
    if (installs.document(type, version).filter(document::equals).isPresent()) {
      return CompletableFuture.completedFuture(
          new Registration(false, installs.spec(type, version).orElseThrow().spec()));
    }
    WorkflowSpec spec;
    try {
      spec = validated(type, version, document);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return this.<CatalogProtocol.Reply>ask(
            replyTo -> new CatalogProtocol.Register(type, version, document, replyTo))
        .thenCompose(
            reply -> {
              if (reply instanceof CatalogProtocol.Conflict) {
                throw new SpecConflictException(type, version);
              }
              boolean created = ((CatalogProtocol.Registered) reply).created();
              return installEverywhere(
                      List.of(new CatalogProtocol.SpecRegistered(type, version, document)))
                  .thenApply(done -> new Registration(created, spec));
            });
  }

  private WorkflowSpec validated(String type, int version, JsonNode document) {
    List<FieldViolation> mismatch = new ArrayList<>();
    if (!type.equals(document.path("type").asText())) {
      mismatch.add(
          new FieldViolation(
              "/type",
              "expected '" + type + "' as in the address, but got " + document.path("type")));
    }
    if (document.path("version").asInt(-1) != version) {
      mismatch.add(
          new FieldViolation(
              "/version",
              "expected " + version + " as in the address, but got " + document.path("version")));
    }
    if (!mismatch.isEmpty()) {
      throw new InvalidSpecException("workflow type '" + type + "' version " + version, mismatch);
    }
    Set<String> handlers =
        engine.operations().handlers().all().stream()
            .map(EffectHandler::handlerType)
            .collect(Collectors.toSet());
    WorkflowSpec spec = WorkflowSpecs.validate(document, handlers);
    if (engine.registry().find(type, version).isPresent() && !installs.isSpec(type, version)) {
      throw new SpecConflictException(type, version);
    }
    return spec;
  }

  /**
   * Starts {@code rollout.percent()} of new instances of {@code type} on {@code rollout.version()}
   * (by instance id, the same on every node), the others on the newest version below it. Fails with
   * {@link UnknownWorkflowTypeException} unless that version is registered.
   */
  public CompletionStage<Rollout> rollout(String type, Rollout rollout) {
    if (engine.registry().find(type, rollout.version()).isEmpty()) {
      return CompletableFuture.failedFuture(
          new UnknownWorkflowTypeException(type, rollout.version()));
    }
    return this.<CatalogProtocol.Reply>ask(
            replyTo -> new CatalogProtocol.SetRollout(type, rollout, replyTo))
        .thenCompose(
            reply ->
                installEverywhere(List.of(((CatalogProtocol.RolloutSet) reply).changed()))
                    .thenApply(done -> rollout));
  }

  /** The spec registered as version {@code version} of {@code type}, if that version is a spec. */
  public Optional<WorkflowSpec> spec(String type, int version) {
    return installs.spec(type, version).map(compiled -> compiled.spec());
  }

  /** The document {@code type} version {@code version} was registered with, if it is a spec. */
  public Optional<JsonNode> document(String type, int version) {
    return installs.document(type, version).map(JsonNode::deepCopy);
  }

  /** Whether version {@code version} of {@code type} is defined by a spec. */
  public boolean isSpec(String type, int version) {
    return installs.isSpec(type, version);
  }

  /**
   * Installs {@code events} on every node's installer, completing once each answered or the ask
   * timeout passed (a node that did not answer catches up at its next refresh).
   */
  private CompletionStage<Void> installEverywhere(List<CatalogProtocol.Event> events) {
    events.forEach(installs::install);
    return installers()
        .thenCompose(
            listing -> {
              List<CompletableFuture<SpecInstaller.Installed>> acks = new ArrayList<>();
              for (ActorRef<SpecInstaller.Message> installer :
                  listing.getServiceInstances(SpecInstaller.KEY)) {
                acks.add(
                    Stages.direct(
                            AskPattern.<SpecInstaller.Message, SpecInstaller.Installed>ask(
                                installer,
                                replyTo -> new SpecInstaller.Install(events, replyTo),
                                askTimeout,
                                engine.system().scheduler()))
                        .exceptionally(error -> null));
              }
              return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
            });
  }

  /**
   * The installers the receptionist knows, once it knows one for every Up member (it learns of a
   * newly joined node's installer by gossip) or after a few tries.
   */
  private CompletionStage<Receptionist.Listing> installers() {
    Cluster cluster = Cluster.get(engine.system());
    return Stages.direct(
        Patterns.retry(
            () ->
                AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                    engine.system().receptionist(),
                    replyTo -> Receptionist.find(SpecInstaller.KEY, replyTo),
                    askTimeout,
                    engine.system().scheduler()),
            (listing, error) ->
                error != null
                    || listing.getServiceInstances(SpecInstaller.KEY).size() < upMembers(cluster),
            20,
            Duration.ofMillis(50),
            Duration.ofMillis(250),
            0.2,
            engine.system()));
  }

  private static long upMembers(Cluster cluster) {
    return StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
        .filter(member -> member.status() == MemberStatus.up())
        .count();
  }

  private <R> CompletionStage<R> ask(
      Function<ActorRef<CatalogProtocol.Reply>, CatalogProtocol.Command> command) {
    @SuppressWarnings("unchecked")
    CompletionStage<R> reply =
        (CompletionStage<R>)
            Stages.direct(
                    AskPattern.<CatalogProtocol.Command, CatalogProtocol.Reply>ask(
                        catalog, command::apply, askTimeout, engine.system().scheduler()))
                .exceptionally(
                    error -> {
                      throw new EngineUnavailableException(
                          "Expected the cluster's spec catalog to answer within "
                              + askTimeout.toMillis()
                              + " ms, but it did not: "
                              + Stages.unwrap(error).getMessage(),
                          Stages.unwrap(error));
                    });
    return reply;
  }
}
