package io.onex.engine.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.json.EngineJson;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over the canonical JSON of an instance's status, epoch and state. */
@InternalApi
public final class StateDigest {

  /** Never updated, only cloned: looking the algorithm up costs more than the digest itself. */
  private static final MessageDigest SHA_256 = sha256();

  private StateDigest() {}

  public static String of(InstanceStatus status, String statusReason, long epoch, JsonNode state) {
    ObjectNode canonical = EngineJson.mapper().createObjectNode();
    canonical.put("status", status.name());
    canonical.put("statusReason", statusReason);
    canonical.put("epoch", epoch);
    canonical.set("state", state);
    try {
      MessageDigest digest = (MessageDigest) SHA_256.clone();
      try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
        EngineJson.canonical().writeValue(out, canonical);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (CloneNotSupportedException | IOException e) {
      throw new IllegalStateException("Could not compute the state digest", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-256", e);
    }
  }
}
