package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.testing.HttpCalls.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code fulfilment} sample, a workflow defined as data and registered by the node at start,
 * over the sample services: price, reserve and charge in parallel, then ship; a declined charge
 * releases the reservation and the instance ends FAILED.
 */
class FulfilmentSpecTest {

  private static final String FULFILMENTS = "/v1/workflows/fulfilment/instances";
  private static final String ITEMS =
      "[{\"sku\":\"book\",\"quantity\":2,\"unitPrice\":12.5},{\"sku\":\"pen\",\"quantity\":3,\"unitPrice\":1.2}]";

  @TempDir static Path dataDir;
  private static TestNode node;

  @BeforeAll
  static void startNode() {
    node =
        TestNode.start(
            Map.of("onex.data-dir", dataDir.toString(), "onex.samples.services.delay-ms", 200));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  private static JsonNode run(String id, String customerId, String status) {
    Response started =
        node.post(
            FULFILMENTS,
            "{\"instanceId\":\""
                + id
                + "\",\"input\":{\"customerId\":\""
                + customerId
                + "\",\"items\":"
                + ITEMS
                + "}}");
    assertThat(started.status()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> node.get(FULFILMENTS + "/" + id).text("status").equals(status));
    return node.get(FULFILMENTS + "/" + id).body();
  }

  private static List<String> stepRecords(String id) {
    List<String> records = new ArrayList<>();
    for (JsonNode event : node.get(FULFILMENTS + "/" + id + "/history").body().path("events")) {
      event
          .path("steps")
          .forEach(s -> records.add(s.path("step").asText() + " " + s.path("status").asText()));
    }
    return records;
  }

  @Test
  void theNodeRegisteredTheSpecAtStart() {
    JsonNode workflows = node.get("/v1/workflows").body().path("workflows");
    assertThat(workflows.findValuesAsText("type")).contains("fulfilment", "order");
    assertThat(node.get("/v1/workflows/fulfilment/versions/1").body().path("coordination").asText())
        .isEqualTo("PARALLEL");
  }

  @Test
  void anOrderIsPricedReservedAndChargedInParallelThenShipped() {
    JsonNode done = run("f-1", "c-1", "COMPLETED");

    assertThat(done.at("/state/output/total").decimalValue()).isEqualByComparingTo("28.6");
    assertThat(done.at("/state/output/trackingNumber").asText()).startsWith("tr-");
    List<String> records = stepRecords("f-1");
    assertThat(records.get(0)).isEqualTo("price STARTED");
    assertThat(records.get(1)).isEqualTo("reserve STARTED");
    assertThat(records).contains("charge COMPLETED", "reserve COMPLETED", "ship COMPLETED");
    // the reservation and the charge were in flight together; shipping waited for both
    assertThat(records.indexOf("charge STARTED")).isLessThan(records.indexOf("reserve COMPLETED"));
    assertThat(records.indexOf("ship STARTED"))
        .isGreaterThan(records.indexOf("reserve COMPLETED"))
        .isGreaterThan(records.indexOf("charge COMPLETED"));
  }

  @Test
  void aDeclinedChargeReleasesTheReservationAndTheOrderFails() {
    int releasesBefore = node.services().effects("inventory/releases");

    JsonNode failed = run("f-2", "declined-7", "FAILED");

    assertThat(failed.path("statusReason").asText())
        .startsWith("step 'charge' failed: http-402")
        .endsWith("compensated reserve");
    assertThat(failed.at("/state/steps/reserve/status").asText()).isEqualTo("COMPENSATED");
    assertThat(failed.at("/state/steps/ship/status").asText()).isEqualTo("CANCELLED");
    assertThat(node.services().effects("inventory/releases")).isEqualTo(releasesBefore + 1);
    assertThat(stepRecords("f-2")).endsWith("reserve COMPENSATING", "reserve COMPENSATED");
  }

  @Test
  void aStartWithoutItemsIsRefusedAndNothingStarts() {
    Response refused =
        node.post(
            FULFILMENTS,
            "{\"instanceId\":\"f-3\",\"input\":{\"customerId\":\"c-1\",\"items\":[]}}");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(node.get(FULFILMENTS + "/f-3").status()).isEqualTo(404);
  }
}
