package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.GatewayNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests with an idempotency key are applied once, however often and whenever they repeat, also
 * when the keyed event lies before the snapshot the instance recovers from.
 */
class IdempotencyTest {

  private static final String COUNTERS = "/v1/workflows/counter/instances";

  @TempDir Path dataDir;

  private static int events(GatewayNode node, String id) {
    return node.get(COUNTERS + "/" + id + "/history").body().get("events").size();
  }

  @Test
  void shouldApplyAKeyedActionOnceWhenSentFiftyTimesConcurrentlyAndAgainAfterRestart() {
    String increment = "{\"type\":\"Increment\",\"payload\":{\"by\":1}}";
    JsonNode original;
    try (GatewayNode node =
        GatewayNode.start(
            Map.of("onex.data-dir", dataDir.toString(), "onex.instance.snapshot-every", 2))) {
      // a keyed start, repeated
      String start =
          "{\"instanceId\":\"idem-1\",\"idempotencyKey\":\"start-1\",\"input\":{\"initial\":0}}";
      Response started = node.post(COUNTERS, start);
      Response startedAgain = node.post(COUNTERS, start);
      assertThat(started.status()).isEqualTo(201);
      assertThat(startedAgain.status()).isEqualTo(201);
      assertThat(startedAgain.body()).isEqualTo(started.body());
      assertThat(
              node.post(COUNTERS, "{\"instanceId\":\"idem-1\",\"input\":{\"initial\":0}}").status())
          .isEqualTo(409);

      // fifty concurrent deliveries of one keyed action
      ExecutorService senders = Executors.newFixedThreadPool(8);
      try {
        List<CompletableFuture<Response>> sent =
            IntStream.range(0, 50)
                .mapToObj(
                    i ->
                        CompletableFuture.supplyAsync(
                            () ->
                                node.post(
                                    COUNTERS + "/idem-1/actions",
                                    increment,
                                    "Idempotency-Key",
                                    "add-1"),
                            senders))
                .toList();
        List<Response> responses = sent.stream().map(CompletableFuture::join).toList();
        assertThat(responses).allSatisfy(response -> assertThat(response.status()).isEqualTo(200));
        original = responses.get(0).body();
        assertThat(responses)
            .allSatisfy(response -> assertThat(response.body()).isEqualTo(original));
      } finally {
        senders.shutdownNow();
      }
      assertThat(original.get("sequence").asLong()).isEqualTo(2);
      assertThat(events(node, "idem-1")).isEqualTo(2);
      assertThat(node.get(COUNTERS + "/idem-1").body().at("/state/value").asInt()).isEqualTo(1);
    }

    try (GatewayNode restarted =
        GatewayNode.start(
            Map.of("onex.data-dir", dataDir.toString(), "onex.instance.snapshot-every", 2))) {
      Response again =
          restarted.post(COUNTERS + "/idem-1/actions", increment, "Idempotency-Key", "add-1");

      assertThat(again.status()).isEqualTo(200);
      assertThat(again.body()).isEqualTo(original);
      assertThat(events(restarted, "idem-1")).isEqualTo(2);

      // the key may also come in the body; a new key is a new action
      Response other =
          restarted.post(
              COUNTERS + "/idem-1/actions",
              increment.replace("{\"type\"", "{\"idempotencyKey\":\"add-2\",\"type\""));
      assertThat(other.body().get("sequence").asLong()).isEqualTo(3);
      assertThat(
              restarted
                  .post(COUNTERS + "/idem-1/actions", increment, "Idempotency-Key", "add-2")
                  .body())
          .isEqualTo(other.body());
      assertThat(events(restarted, "idem-1")).isEqualTo(3);
    }
  }
}
