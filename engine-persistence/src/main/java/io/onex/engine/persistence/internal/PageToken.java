package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of the instance index ended: the sort key (start time, type, id) of its last
 * instance, written as an opaque URL-safe token. The next page starts strictly after it, so no
 * instance repeats or goes missing between pages, whatever was indexed in between.
 */
@InternalApi
public record PageToken(long startedAt, String workflowType, String instanceId) {

  private static final String VERSION = "1";

  /** The token's text. */
  public String encode() {
    String key = VERSION + "\n" + startedAt + "\n" + workflowType + "\n" + instanceId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The token written as {@code text}; throws {@link IllegalArgumentException} if it is none. */
  public static PageToken decode(String text) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length != 4 || !VERSION.equals(parts[0])) {
        throw new IllegalArgumentException("unknown token format");
      }
      return new PageToken(Long.parseLong(parts[1]), parts[2], parts[3]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Expected pageToken to be the nextPageToken of an earlier page, but got '" + text + "'",
          e);
    }
  }
}
