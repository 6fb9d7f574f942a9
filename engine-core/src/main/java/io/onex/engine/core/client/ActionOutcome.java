package io.onex.engine.core.client;

import io.onex.engine.core.Intent;
import java.util.List;

/**
 * The result of an accepted action: the instance right after it, and the intents it emitted. Once a
 * caller holds an outcome, the action is journaled and survives a crash of the node.
 */
public record ActionOutcome(InstanceView instance, List<Intent> intents) {

  public ActionOutcome {
    intents = List.copyOf(intents);
  }
}
