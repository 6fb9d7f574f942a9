package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.json.EngineJson;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a node process with SIGKILL right after its last acknowledged action, starts it again on
 * the same data directory, and finds every acknowledged action applied exactly once.
 */
class KilledNodeTest {

  private static final int ORDERS = 4;
  private static final int ITEMS_PER_ORDER = 15;

  @TempDir Path dataDir;
  private NodeProcess nodes;

  @BeforeEach
  void prepare() {
    nodes = new NodeProcess(dataDir);
  }

  @AfterEach
  void killLeftovers() {
    nodes.close();
  }

  @Test
  void shouldKeepEveryAcknowledgedActionWhenTheProcessIsKilled() throws Exception {
    // given a node with orders receiving many concurrent actions
    nodes.start("first.log");
    for (int order = 0; order < ORDERS; order++) {
      HttpResponse<String> started =
          nodes
              .post(
                  "/v1/workflows/order/instances",
                  "{\"instanceId\":\"k-" + order + "\",\"input\":{\"customerId\":\"c\"}}")
              .join();
      assertThat(started.statusCode()).isEqualTo(201);
    }
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int item = 0; item < ITEMS_PER_ORDER; item++) {
      for (int order = 0; order < ORDERS; order++) {
        inFlight.add(
            nodes.post(
                "/v1/workflows/order/instances/k-" + order + "/actions",
                "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"sku-"
                    + item
                    + "\",\"quantity\":1,\"unitPrice\":1}}"));
      }
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
    assertThat(inFlight)
        .allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(200));

    // when the process is killed without any chance to flush or shut down
    nodes.kill();
    nodes.start("second.log");

    // then every acknowledged action is there, once
    for (int order = 0; order < ORDERS; order++) {
      String path = "/v1/workflows/order/instances/k-" + order;
      JsonNode instance = EngineJson.mapper().readTree(nodes.get(path).body());
      assertThat(instance.get("sequence").asLong()).isEqualTo(1 + ITEMS_PER_ORDER);
      TreeSet<String> skus = new TreeSet<>();
      instance
          .at("/state/items")
          .forEach(
              line -> {
                assertThat(line.get("quantity").asInt()).isEqualTo(1);
                skus.add(line.get("sku").asText());
              });
      assertThat(skus).hasSize(ITEMS_PER_ORDER);
      JsonNode history =
          EngineJson.mapper()
              .readTree(nodes.get(path + "/history?limit=1000").body())
              .get("events");
      assertThat(
              StreamSupport.stream(history.spliterator(), false)
                  .map(e -> e.get("sequence").asLong()))
          .hasSize(1 + ITEMS_PER_ORDER)
          .doesNotHaveDuplicates();
    }
  }
}
