package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The epoch is the instance's version: of many writers that expect the same epoch, one wins and the
 * others are refused naming both epochs, also on an instance recovered from a snapshot.
 */
class OptimisticConcurrencyTest {

  private static final String COUNTER = "/v1/workflows/counter/instances/occ";

  @TempDir Path dataDir;

  private GatewayNode start() {
    return GatewayNode.start(
        Map.of("onex.data-dir", dataDir.toString(), "onex.instance.snapshot-every", 3));
  }

  @Test
  void shouldLetOneOfFiftyWritersExpectingTheSameEpochWinAlsoAfterARestartFromASnapshot() {
    try (GatewayNode node = start()) {
      // given
      Response started =
          node.post(
              "/v1/workflows/counter/instances",
              "{\"instanceId\":\"occ\",\"input\":{\"initial\":0}}");
      assertThat(started.body().get("epoch").asLong()).isZero();

      // when fifty writers all expect epoch 0
      List<Response> answers = concurrently(node, 0);

      // then exactly one is applied, and it advanced the epoch
      assertOneWinner(answers, 0);
      assertThat(node.get(COUNTER).body().get("epoch").asLong()).isEqualTo(1);
      assertThat(node.get(COUNTER + "/history").body().get("events")).hasSize(2);
      assertThat(node.post(COUNTER + "/actions", increment(1)).body().get("epoch").asLong())
          .isEqualTo(2);
      assertThat(node.post(COUNTER + "/actions", increment(2)).body().get("epoch").asLong())
          .isEqualTo(3);
    }

    try (GatewayNode restarted = start()) {
      // given an instance recovered from its snapshot at event 3 and one event after it
      Response recovered = restarted.get(COUNTER);
      assertThat(recovered.body().get("sequence").asLong()).isEqualTo(4);
      assertThat(recovered.body().get("epoch").asLong()).isEqualTo(3);

      // when fifty writers expect the epoch it has
      List<Response> answers = concurrently(restarted, 3);

      // then again one wins
      assertOneWinner(answers, 3);
      assertThat(restarted.get(COUNTER + "/history").body().get("events")).hasSize(5);
      assertThat(restarted.get(COUNTER).body().get("epoch").asLong()).isEqualTo(4);
    }
  }

  private static List<Response> concurrently(GatewayNode node, long expectedEpoch) {
    ExecutorService writers = Executors.newFixedThreadPool(10);
    try {
      List<CompletableFuture<Response>> sent =
          IntStream.range(0, 50)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () ->
                              node.post(
                                  COUNTER + "/actions",
                                  "{\"type\":\"Increment\",\"expectedEpoch\":"
                                      + expectedEpoch
                                      + ",\"payload\":{\"by\":1}}"),
                          writers))
              .toList();
      return sent.stream().map(CompletableFuture::join).toList();
    } finally {
      writers.shutdownNow();
    }
  }

  private static void assertOneWinner(List<Response> answers, long expectedEpoch) {
    assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(1);
    List<Response> refused = answers.stream().filter(a -> a.status() != 200).toList();
    assertThat(refused)
        .hasSize(49)
        .allSatisfy(
            answer -> {
              assertThat(answer.status()).isEqualTo(409);
              assertThat(answer.contentType()).isEqualTo("application/problem+json");
              assertThat(answer.body().get("type").asText()).endsWith("/epoch-conflict");
              assertThat(answer.body().get("detail").asText())
                  .contains("at epoch " + expectedEpoch)
                  .contains("at epoch " + (expectedEpoch + 1));
            });
  }

  private static String increment(int by) {
    return "{\"type\":\"Increment\",\"payload\":{\"by\":" + by + "}}";
  }
}
