package io.onex.engine.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The outcome an operator gives a pending intent in place of its handler, and why: the reducer
 * receives it as it would the handler's.
 *
 * @param succeeded whether the intent counts as succeeded
 * @param result the result of a succeeded intent (null for none)
 * @param error the error of a failed intent
 * @param reason why the intent is skipped, recorded with the outcome
 */
public record SkipRequest(boolean succeeded, JsonNode result, String error, String reason) {

  public SkipRequest {
    Objects.requireNonNull(reason, "reason");
    if (!succeeded) {
      Objects.requireNonNull(error, "error");
    }
  }

  /** The intent counts as succeeded with {@code result}. */
  public static SkipRequest succeeded(JsonNode result, String reason) {
    return new SkipRequest(true, result, null, reason);
  }

  /** The intent counts as failed with {@code error}. */
  public static SkipRequest failed(String error, String reason) {
    return new SkipRequest(false, null, error, reason);
  }
}
