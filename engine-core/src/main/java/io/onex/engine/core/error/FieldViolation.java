package io.onex.engine.core.error;

import java.util.Objects;

/**
 * One thing wrong with a submitted document: where it is, as a JSON pointer into the document (RFC
 * 6901, {@code ""} for the whole document), and what is wrong there.
 *
 * @param pointer the JSON pointer of the offending field
 * @param message what was expected there and what was found
 */
public record FieldViolation(String pointer, String message) {

  public FieldViolation {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }
}
