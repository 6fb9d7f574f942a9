package io.onex.engine.persistence;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

/** Where a JSON Schema validation error points, as the engine reports it everywhere. Stateless. */
public final class SchemaErrors {

  private SchemaErrors() {}

  /**
   * The JSON pointer of the field {@code error} is about; for a missing required property, the
   * pointer of that property.
   */
  public static String pointer(Error error) {
    StringBuilder pointer = new StringBuilder();
    NodePath path = error.getInstanceLocation();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer.append('/').append(path.getElement(i));
    }
    if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
      pointer.append('/').append(error.getProperty());
    }
    return pointer.toString();
  }
}
