package io.onex.engine.core.error;

/**
 * A migration of an instance to another definition version was refused: that version does not
 * replay the instance's whole history without divergence, or the instance changed since the check.
 * Nothing is journaled.
 */
public final class MigrationRefusedException extends WorkflowException {

  public MigrationRefusedException(String type, String instanceId, int version, String reason) {
    super(
        "Expected version "
            + version
            + " of workflow type '"
            + type
            + "' to take over instance '"
            + instanceId
            + "', but "
            + reason);
  }

  MigrationRefusedException(WorkflowError error) {
    super(error.message());
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.MIGRATION_REFUSED;
  }
}
