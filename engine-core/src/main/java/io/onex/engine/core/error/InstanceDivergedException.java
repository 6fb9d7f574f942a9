package io.onex.engine.core.error;

/**
 * Replaying the instance's history gave a different state than was recorded, so the reducer is no
 * longer the one that wrote it. The instance refuses actions until the definition is fixed.
 */
public final class InstanceDivergedException extends WorkflowException {

  public InstanceDivergedException(String type, String id, long sequence, String detail) {
    super(
        "Expected replay of workflow instance '"
            + id
            + "' of type '"
            + type
            + "' to reproduce its recorded state, but event "
            + sequence
            + " diverged: "
            + detail);
  }

  InstanceDivergedException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.INSTANCE_DIVERGED;
  }
}
