package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.json.EngineJson;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a node process with SIGKILL while its instance index lags behind a burst of orders, starts
 * it again, and finds the index caught up exactly with the journal: every instance the journal has,
 * with its latest sequence number, none missing, none extra, none counted twice.
 */
class IndexAfterKillTest {

  private static final int ORDERS = 300;
  private static final int ITEMS = 3;
  // small projection transactions, so that a burst leaves the index behind for a while
  private static final String[] SMALL_GROUPS = {
    "-Donex.index.group-size=5", "-Donex.index.group-within=50ms"
  };

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

  private long indexLag() throws Exception {
    String detail =
        EngineJson.mapper()
            .readTree(nodes.get("/health").body())
            .at("/checks/index/detail")
            .asText();
    return Long.parseLong(detail.replaceAll("[^0-9]", ""));
  }

  @Test
  void shouldCatchUpExactlyWithTheJournalAfterAKillInTheMiddleOfProjecting() throws Exception {
    // given: a burst of orders, each started and given items
    nodes.start("first.log", SMALL_GROUPS);
    AtomicInteger done = new AtomicInteger();
    for (int order = 0; order < ORDERS; order++) {
      String path = "/v1/workflows/order/instances/x-" + order;
      CompletableFuture<?> chain =
          nodes.post(
              "/v1/workflows/order/instances",
              "{\"instanceId\":\"x-"
                  + order
                  + "\",\"input\":{\"customerId\":\"c-"
                  + order % 3
                  + "\"}}");
      for (int item = 0; item < ITEMS; item++) {
        String body =
            "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"s-"
                + item
                + "\",\"quantity\":1,\"unitPrice\":1}}";
        chain = chain.thenCompose(previous -> nodes.post(path + "/actions", body));
      }
      chain.whenComplete((value, error) -> done.incrementAndGet());
    }

    // when: the node is killed in the middle of it, with events journaled but not yet indexed
    long lagAtKill;
    do {
      lagAtKill = indexLag();
    } while (done.get() < ORDERS && (done.get() < ORDERS / 2 || lagAtKill == 0));
    nodes.kill();
    assertThat(lagAtKill).as("events not yet indexed when the node was killed").isPositive();
    nodes.start("second.log", SMALL_GROUPS);

    // then: once caught up, the index holds exactly the journal's instances and sequence numbers
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> indexLag() == 0);
    Map<String, Long> journal = new HashMap<>();
    for (int order = 0; order < ORDERS; order++) {
      HttpResponse<String> instance = nodes.get("/v1/workflows/order/instances/x-" + order);
      if (instance.statusCode() == 200) {
        journal.put(
            "x-" + order, EngineJson.mapper().readTree(instance.body()).get("sequence").asLong());
      } else {
        assertThat(instance.statusCode()).isEqualTo(404);
      }
    }
    assertThat(journal).as("orders the journal has").isNotEmpty();
    await().atMost(Duration.ofSeconds(30)).until(() -> indexLag() == 0);
    Map<String, Long> indexed = new HashMap<>();
    JsonNode listed =
        EngineJson.mapper()
            .readTree(nodes.get("/v1/workflows/order/instances?pageSize=1000").body());
    listed
        .get("instances")
        .forEach(
            row -> {
              Long before =
                  indexed.put(row.get("instanceId").asText(), row.get("lastSequence").asLong());
              assertThat(before).as("listed twice: %s", row).isNull();
            });
    assertThat(listed.get("nextPageToken").isNull()).isTrue();
    assertThat(indexed).isEqualTo(journal);
    JsonNode workflows = EngineJson.mapper().readTree(nodes.get("/v1/workflows").body());
    for (JsonNode workflow : workflows.get("workflows")) {
      if (workflow.get("type").asText().equals("order")) {
        assertThat(workflow.get("instances").asLong()).isEqualTo(journal.size());
        long byStatus = 0;
        for (JsonNode count : workflow.get("statuses")) {
          byStatus += count.asLong();
        }
        assertThat(byStatus).isEqualTo(journal.size());
      }
    }
  }
}
