package io.onex.engine.core;

/**
 * Execution priority of an intent; the executor always prefers a higher priority. Declared from the
 * most to the least urgent, so {@link #compareTo} orders by urgency.
 */
public enum IntentPriority {
  CRITICAL,
  HIGH,
  NORMAL,
  LOW,
  BACKGROUND
}
