package io.onex.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Builds one {@link Intent} inside a reducer call; obtained from {@link ReduceContext#intent}. Not
 * thread-safe; build once.
 */
public interface IntentBuilder {

  /** Sets the payload handed to the handler. */
  IntentBuilder payload(JsonNode payload);

  /** Sets the payload from a value (a record, a map), converted to JSON. */
  IntentBuilder payload(Object payload);

  /** Sets the execution priority ({@link IntentPriority#NORMAL} by default). */
  IntentBuilder priority(IntentPriority priority);

  /** Sets the retry policy ({@link RetryPolicy#DEFAULT} by default). */
  IntentBuilder retryPolicy(RetryPolicy retryPolicy);

  /** Overrides the idempotency key (by default the intent id, itself deterministic). */
  IntentBuilder idempotencyKey(String idempotencyKey);

  /** Sets metadata for the handler. */
  IntentBuilder metadata(Map<String, String> metadata);

  /** The intent. */
  Intent build();
}
