package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.core.testing.TestPostgres;
import io.onex.engine.gateway.testing.GatewayNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;

/**
 * A diverged instance shows in the health of every node of the cluster, as DEGRADED with HTTP 200
 * (the nodes serve everything else), also after restarts, until a fixed definition recovers it.
 */
class DivergenceHealthTest {

  private static final String COUNTER = "/v1/workflows/counter/instances/d-1";

  private final Map<String, Object> journal = TestPostgres.newJournal();

  /** Version 1 as it was written (factor 1), or changed so that it no longer agrees (factor 2). */
  private static WorkflowRegistry counter(int factor) {
    return new WorkflowRegistry().register(CounterWorkflow.definition(1, factor));
  }

  private GatewayNode node(int factor, String seed) {
    Map<String, Object> settings = new HashMap<>(journal);
    settings.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    if (seed != null) {
      settings.put("onex.cluster.seed-nodes", seed);
    }
    return GatewayNode.startWith(settings, counter(factor));
  }

  private static String seedOf(GatewayNode node) {
    Address address = Cluster.get(node.engine().system()).selfMember().address();
    return address.host().get() + ":" + address.port().get();
  }

  @Test
  void shouldReportADivergedInstanceAsDegradedOnEveryNodeAndAfterRestartsUntilItIsFixed() {
    // given an instance written by the reference definition
    try (GatewayNode writer = node(1, null)) {
      writer.post(
          "/v1/workflows/counter/instances", "{\"instanceId\":\"d-1\",\"input\":{\"initial\":1}}");
      assertThat(
              writer
                  .post(COUNTER + "/actions", "{\"type\":\"Increment\",\"payload\":{\"by\":2}}")
                  .status())
          .isEqualTo(200);
      assertThat(writer.get("/health").text("status")).isEqualTo("UP");
    }

    // when a cluster of two nodes runs a definition that no longer reproduces it
    try (GatewayNode first = node(2, null);
        GatewayNode second = node(2, seedOf(first))) {
      Response diverged = first.get(COUNTER);
      assertThat(diverged.status()).isEqualTo(200);
      assertThat(diverged.text("status")).isEqualTo("DIVERGED");

      // then both nodes report it, serving on
      for (GatewayNode node : new GatewayNode[] {first, second}) {
        await()
            .atMost(Duration.ofSeconds(15))
            .untilAsserted(() -> expectDegradedNaming(node.get("/health")));
      }
      assertThat(
              second
                  .post(
                      "/v1/workflows/counter/instances",
                      "{\"instanceId\":\"d-2\",\"input\":{\"initial\":1}}")
                  .status())
          .isEqualTo(201);
    }

    // and a node started later reports it before anyone asks the instance
    try (GatewayNode restarted = node(2, null)) {
      expectDegradedNaming(restarted.get("/health"));
    }

    // and once a fixed definition recovers the instance, every node is UP again
    try (GatewayNode fixed = node(1, null)) {
      assertThat(fixed.get(COUNTER).text("status")).isEqualTo("RUNNING");
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(fixed.get("/health").text("status")).isEqualTo("UP"));
    }
  }

  private static void expectDegradedNaming(Response health) {
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text("status")).isEqualTo("DEGRADED");
    JsonNode instances = health.body().at("/checks/instances");
    assertThat(instances.get("status").asText()).isEqualTo("DOWN");
    assertThat(instances.get("critical").asBoolean()).isFalse();
    assertThat(instances.get("detail").asText()).contains("counter/d-1").contains("event 2");
    assertThat(health.body().at("/checks/journal/status").asText()).isEqualTo("UP");
  }
}
