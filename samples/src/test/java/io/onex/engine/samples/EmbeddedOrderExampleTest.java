package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.persistence.InstanceView;
import io.onex.engine.samples.order.OrderState;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedOrderExampleTest {

  @TempDir Path dataDir;

  @Test
  void shouldPlaceAnOrderThroughTheEmbeddingApi() {
    var config =
        ConfigFactory.parseMap(Map.of("onex.data-dir", dataDir.toString(), "onex.cluster.port", 0))
            .withFallback(ConfigFactory.load())
            .resolve();
    try (WorkflowEngine engine = WorkflowEngine.create(config, Samples.registry())) {
      InstanceView order = EmbeddedOrderExample.placeOrder(engine, "embedded-1", "alice");

      assertThat(order.status()).isEqualTo(InstanceStatus.RUNNING);
      assertThat(order.sequence()).isEqualTo(3);
      OrderState state = order.stateAs(OrderState.class);
      assertThat(state.phase()).isEqualTo(OrderState.Phase.PLACED);
      assertThat(state.total()).isEqualByComparingTo("25");
    }
  }
}
