package io.onex.engine.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.json.EngineJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over the canonical JSON of an instance's status, epoch and state. */
@InternalApi
public final class StateDigest {

  private StateDigest() {}

  public static String of(InstanceStatus status, String statusReason, long epoch, JsonNode state) {
    ObjectNode canonical = EngineJson.mapper().createObjectNode();
    canonical.put("status", status.name());
    canonical.put("statusReason", statusReason);
    canonical.put("epoch", epoch);
    canonical.set("state", state);
    try {
      byte[] bytes = EngineJson.canonical().writeValueAsBytes(canonical);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("Could not compute the state digest", e);
    }
  }
}
