package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.client.InstanceHandle;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.samples.order.OrderState;
import io.onex.engine.samples.services.SampleServices;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedOrderExampleTest {

  @TempDir Path dataDir;

  @Test
  void shouldRunAnOrderToItsEndThroughTheEmbeddingApi() throws Exception {
    var config =
        ConfigFactory.parseMap(
                Map.of(
                    "onex.data-dir", dataDir.toString(),
                    "onex.cluster.port", 0,
                    "onex.samples.services.port", 0,
                    "onex.samples.services.smtp-port", 0))
            .withFallback(ConfigFactory.load())
            .resolve();
    try (SampleServices services = SampleServices.start(config);
        WorkflowEngine engine =
            WorkflowEngine.create(services.targets().withFallback(config), Samples.registry())) {
      InstanceHandle handle =
          EmbeddedOrderExample.placeOrder(engine.client(), "embedded-1", "alice");
      assertThat(handle.get().toCompletableFuture().join().sequence()).isGreaterThanOrEqualTo(3);

      InstanceView order = handle.awaitEnd().toCompletableFuture().get(30, TimeUnit.SECONDS);

      assertThat(order.status()).isEqualTo(InstanceStatus.COMPLETED);
      OrderState state = order.stateAs(OrderState.class);
      assertThat(state.phase()).isEqualTo(OrderState.Phase.SHIPPED);
      assertThat(state.total()).isEqualByComparingTo("25");
      assertThat(services.effects("payment/charges")).isEqualTo(1);
    }
  }
}
