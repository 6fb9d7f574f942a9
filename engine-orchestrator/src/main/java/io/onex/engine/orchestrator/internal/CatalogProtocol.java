package io.onex.engine.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.Rollout;
import io.onex.engine.persistence.EngineSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** The messages and events of the cluster's spec catalog ({@link SpecCatalogBehavior}). */
@InternalApi
public final class CatalogProtocol {

  private CatalogProtocol() {}

  /** What the catalog is asked. */
  public sealed interface Command extends EngineSerializable {}

  /** Registers {@code document} as {@code version} of {@code type}, unless it is there already. */
  public record Register(String type, int version, JsonNode document, ActorRef<Reply> replyTo)
      implements Command {}

  /** Sets the rollout of {@code type}. */
  public record SetRollout(String type, Rollout rollout, ActorRef<Reply> replyTo)
      implements Command {}

  /** Asks for every spec and rollout. */
  public record GetAll(ActorRef<Reply> replyTo) implements Command {}

  /** What the catalog answers. */
  public sealed interface Reply extends EngineSerializable {}

  /** The spec is registered; {@code created} is false when it was already, with the same body. */
  public record Registered(boolean created) implements Reply {}

  /** That version is registered with another body. */
  public record Conflict(String type, int version) implements Reply {}

  /** The rollout is set, as journaled. */
  public record RolloutSet(RolloutChanged changed) implements Reply {}

  /** Every spec and rollout, in registration order. */
  public record Everything(List<SpecRegistered> specs, List<RolloutChanged> rollouts)
      implements Reply {}

  /** What the catalog journals. */
  public sealed interface Event extends EngineSerializable {}

  /** Spec {@code document} became {@code version} of {@code type}. */
  public record SpecRegistered(String type, int version, JsonNode document) implements Event {}

  /**
   * The rollout of {@code type} changed; {@code revision} counts the type's rollouts from 1, so a
   * node that hears of an older one after a newer keeps the newer.
   */
  public record RolloutChanged(String type, Rollout rollout, long revision) implements Event {}
}
