package io.onex.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * The actions the engine applies on an operator's behalf, whatever the instance's reducer: they are
 * journaled as events of the instance like any action, so histories show them and replays reproduce
 * them. Their type names start with {@value #PREFIX}, which definitions cannot use.
 *
 * <ul>
 *   <li>{@link #TERMINATE}: ends an unfinished instance as {@code CANCELLED} with a reason; its
 *       pending intents and timers are abandoned, and a late outcome changes nothing.
 *   <li>{@link #RETRY_INTENT}: hands an intent that failed to the executor again; its outcome goes
 *       to the reducer as the first one did.
 *   <li>{@link #MIGRATE}: pins the instance to another definition version that replays its whole
 *       history; the event carries the instance as that version rebuilt it, so it is a checkpoint:
 *       recovery and replays start over from it.
 * </ul>
 *
 * Skipping a pending intent is an ordinary outcome ({@link IntentOutcome}) marked with {@link
 * #SKIPPED_METADATA}.
 */
public final class OperatorActions {

  /** The prefix of every operator action's type. */
  public static final String PREFIX = "onex.";

  /** Ends the instance as cancelled; payload {@link Terminate}. */
  public static final String TERMINATE = "onex.Terminate";

  /** Hands a failed intent to the executor again; payload {@link RetryIntent}. */
  public static final String RETRY_INTENT = "onex.RetryIntent";

  /** Pins the instance to another definition version; payload {@link Migrate}. */
  public static final String MIGRATE = "onex.Migrate";

  /** Metadata of an outcome an operator gave in place of the intent's handler: the reason. */
  public static final String SKIPPED_METADATA = "onex.skipped";

  /** Metadata naming who asked for an operator action, when the caller is known. */
  public static final String REQUESTED_BY_METADATA = "onex.requestedBy";

  private OperatorActions() {}

  /** Whether {@code actionType} is reserved for the engine. */
  public static boolean isOperator(String actionType) {
    return actionType != null && actionType.startsWith(PREFIX);
  }

  /** The payload of {@link #TERMINATE}. */
  public record Terminate(String reason) {
    public Terminate {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The payload of {@link #RETRY_INTENT}: the intent as it was emitted. */
  public record RetryIntent(Intent intent, String reason) {
    public RetryIntent {
      Objects.requireNonNull(intent, "intent");
    }
  }

  /**
   * The payload of {@link #MIGRATE}: the instance as version {@code toVersion} rebuilt it from its
   * whole history, up to event {@code sequence}.
   */
  public record Migrate(
      int fromVersion,
      int toVersion,
      long sequence,
      long epoch,
      InstanceStatus status,
      String statusReason,
      JsonNode state,
      List<Intent> pendingIntents,
      LeaseFence fence) {
    public Migrate {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(state, "state");
      pendingIntents = pendingIntents == null ? List.of() : List.copyOf(pendingIntents);
    }
  }
}
