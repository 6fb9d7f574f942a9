package io.onex.engine.persistence;

import io.onex.engine.core.Intent;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.error.WorkflowError;
import java.util.List;

/** An instance actor's answer: the instance (and new intents) after the command, or why not. */
public sealed interface InstanceReply extends EngineSerializable {

  /** The command succeeded; anything it journaled is durable. */
  record Accepted(InstanceView instance, List<Intent> intents) implements InstanceReply {}

  /** The command failed and changed nothing; {@code error} names the problem. */
  record Failed(WorkflowError error) implements InstanceReply {}
}
