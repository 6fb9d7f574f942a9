package io.onex.engine.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A workflow spec was refused: it does not match the spec schema, or it is inconsistent (a
 * dependency cycle, an unknown step or handler, a pointer to nothing). Lists every violation with
 * the JSON pointer of its field. Nothing was registered.
 */
public final class InvalidSpecException extends WorkflowException {

  private final List<FieldViolation> violations;

  public InvalidSpecException(String what, List<FieldViolation> violations) {
    super(
        "Expected a valid workflow spec for "
            + what
            + ", but found "
            + violations.size()
            + " problem(s): "
            + violations.stream()
                .map(v -> (v.pointer().isEmpty() ? "/" : v.pointer()) + ": " + v.message())
                .collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  InvalidSpecException(WorkflowError error) {
    super(error.message());
    this.violations = List.of();
  }

  /** Every violation found, in document order. */
  public List<FieldViolation> violations() {
    return violations;
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.INVALID_SPEC;
  }
}
