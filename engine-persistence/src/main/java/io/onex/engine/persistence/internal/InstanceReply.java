package io.onex.engine.persistence.internal;

import io.onex.engine.core.Intent;
import io.onex.engine.core.WorkflowError;
import io.onex.engine.persistence.InstanceView;
import java.util.List;

/** An instance actor's answer: the instance (and new intents) after the command, or why not. */
public sealed interface InstanceReply extends EngineSerializable {

  /** The command succeeded; anything it journaled is durable. */
  record Accepted(InstanceView instance, List<Intent> intents) implements InstanceReply {}

  /** The command failed and changed nothing. */
  record Failed(WorkflowError error) implements InstanceReply {}
}
