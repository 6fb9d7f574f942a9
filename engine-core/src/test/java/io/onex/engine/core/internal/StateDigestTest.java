package io.onex.engine.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.json.EngineJson;
import org.junit.jupiter.api.Test;

class StateDigestTest {

  @Test
  void shouldNotDependOnPropertyOrder() {
    ObjectNode ab = EngineJson.mapper().createObjectNode().put("a", 1).put("b", 2);
    ObjectNode ba = EngineJson.mapper().createObjectNode().put("b", 2).put("a", 1);

    assertThat(StateDigest.of(InstanceStatus.RUNNING, null, 0, ab))
        .isEqualTo(StateDigest.of(InstanceStatus.RUNNING, null, 0, ba));
  }

  @Test
  void shouldDifferWhenStateStatusOrEpochDiffer() {
    ObjectNode state = EngineJson.mapper().createObjectNode().put("a", 1);
    String digest = StateDigest.of(InstanceStatus.RUNNING, null, 0, state);

    assertThat(StateDigest.of(InstanceStatus.COMPLETED, null, 0, state)).isNotEqualTo(digest);
    assertThat(StateDigest.of(InstanceStatus.RUNNING, null, 1, state)).isNotEqualTo(digest);
    assertThat(StateDigest.of(InstanceStatus.RUNNING, null, 0, state.deepCopy().put("a", 2)))
        .isNotEqualTo(digest);
  }
}
