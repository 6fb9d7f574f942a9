package io.onex.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.cluster.testing.EffectLedger;
import io.onex.engine.cluster.testing.JobWorkflow;
import io.onex.engine.cluster.testing.TestCluster;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.json.EngineJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three nodes over one PostgreSQL journal; one is lost while instances it hosts wait for their
 * intents. Everything acknowledged must survive on the other two, and no intent may reach its
 * service under a new key.
 */
class NodeLossTest {

  private static final Logger log = LoggerFactory.getLogger(NodeLossTest.class);
  private static final int INSTANCES = 300;
  private static final int IN_FLIGHT = 50;

  private final EffectLedger ledger = new EffectLedger();
  private TestCluster cluster;

  @AfterEach
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldCompleteEveryInstanceOnTheSurvivorsWhenANodeIsLostWithIntentsPending()
      throws Exception {
    // given three nodes, and 300 jobs started, noted and run through all of them
    cluster =
        new TestCluster(
                config ->
                    WorkflowEngine.builder(config)
                        .workflow(JobWorkflow.definition())
                        .handler(
                            system ->
                                ledger.handler(
                                    system, JobWorkflow.INTENT_TYPE, Duration.ofMillis(1500))))
            .start(3);
    List<String> ids = IntStream.range(0, INSTANCES).mapToObj(i -> "job-" + i).toList();
    Map<String, Set<String>> acknowledged = new java.util.concurrent.ConcurrentHashMap<>();
    List<CompletableFuture<?>> requests = new ArrayList<>();
    // at most IN_FLIGHT jobs at a time: 300 first recoveries at once on a cold cluster of three
    // nodes sharing two cores take longer than the ask timeout, which is not what this tests
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    for (int i = 0; i < INSTANCES; i++) {
      String id = ids.get(i);
      WorkflowEngine via = cluster.node(i % 3);
      inFlight.acquire();
      requests.add(
          via.client()
              .start(JobWorkflow.TYPE, StartRequest.of(id, EngineJson.mapper().createObjectNode()))
              .thenCompose(started -> send(via, id, "Note", acknowledged))
              .thenCompose(noted -> send(via, id, "Run", acknowledged))
              .whenComplete((done, error) -> inFlight.release())
              .toCompletableFuture());
    }
    CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).join();
    ClusterView before = cluster.node(0).operations().cluster().toCompletableFuture().join();
    List<ClusterView.ShardHost> hosts = before.shards().get(JobWorkflow.TYPE);
    assertThat(hosts).hasSize(3).allSatisfy(host -> assertThat(host.instanceCount()).isPositive());
    assertThat(hosts.stream().mapToInt(ClusterView.ShardHost::instanceCount).sum())
        .isEqualTo(INSTANCES);
    int onLostNode = hostedBy(hosts, TestCluster.address(cluster.node(2)).toString());
    long pendingBefore = ledger.deliveries().size();
    // and a caller on the first node waiting for every job's end
    List<CompletableFuture<InstanceView>> ends =
        ids.stream()
            .map(
                id ->
                    cluster
                        .node(0)
                        .client()
                        .instance(JobWorkflow.TYPE, id)
                        .awaitEnd()
                        .toCompletableFuture())
            .toList();

    // when the third node is lost while its instances wait for their intents
    cluster.crash(cluster.node(2));
    log.info(
        "Lost a node hosting {} instances; {} of {} intents had been delivered",
        onLostNode,
        pendingBefore,
        INSTANCES);

    // then the lost node's instances restart on the survivors by themselves (nobody asks for
    // them) and deliver their intents again
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> ledger.applied().size() == INSTANCES);

    // and every instance completes on the two survivors
    WorkflowEngine survivor = cluster.node(0);
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> completed(survivor, ids) == INSTANCES);
    // and every caller waiting for an end is told, also of the instances that moved
    CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
        .get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(ends)
        .allSatisfy(end -> assertThat(end.join().status()).isEqualTo(InstanceStatus.COMPLETED));
    ClusterView after = survivor.operations().cluster().toCompletableFuture().join();
    assertThat(after.members()).extracting(ClusterView.Member::address).hasSize(2);

    // and each acknowledged action is in its history exactly once, with one outcome per intent
    Set<String> intentKeys = new HashSet<>();
    for (String id : ids) {
      List<WorkflowEvent> history =
          cluster
              .node(1)
              .client()
              .history()
              .export(JobWorkflow.TYPE, id)
              .toCompletableFuture()
              .join();
      for (String key : acknowledged.get(id)) {
        assertThat(history)
            .as("events of acknowledged action %s", key)
            .filteredOn(e -> key.equals(e.action().idempotencyKey()))
            .hasSize(1);
      }
      assertThat(history.stream().map(e -> e.action().actionId()).distinct())
          .hasSize(history.size());
      List<Intent> intents = history.stream().flatMap(e -> e.intents().stream()).toList();
      assertThat(intents).hasSize(1);
      assertThat(history)
          .filteredOn(e -> IntentOutcome.isOutcome(e.action().type()))
          .hasSize(1)
          .allSatisfy(e -> assertThat(e.causationId()).isEqualTo(intents.get(0).intentId()));
      assertThat(history.get(history.size() - 1).status()).isEqualTo(InstanceStatus.COMPLETED);
      intentKeys.add(intents.get(0).idempotencyKey());
    }

    // and the service saw only the intents' own keys: a redelivery is recognised, never doubled
    Map<String, Integer> deliveries = ledger.deliveries();
    assertThat(intentKeys).hasSize(INSTANCES);
    assertThat(deliveries.keySet()).isEqualTo(intentKeys);
    assertThat(ledger.applied()).isEqualTo(intentKeys);
    log.info(
        "{} intents were delivered again after the loss, under their original keys",
        deliveries.values().stream().filter(count -> count > 1).count());
  }

  /** Sends an action under the key {@code <id>/<type>}; records the key once acknowledged. */
  private static CompletableFuture<Void> send(
      WorkflowEngine via, String id, String type, Map<String, Set<String>> acknowledged) {
    String key = id + "/" + type;
    ActionRequest request =
        new ActionRequest(
            type,
            EngineJson.mapper().createObjectNode(),
            null,
            null,
            null,
            null,
            null,
            key,
            Map.of());
    return via.client()
        .send(JobWorkflow.TYPE, id, request)
        .thenAccept(
            outcome ->
                acknowledged
                    .computeIfAbsent(id, k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                    .add(key))
        .toCompletableFuture();
  }

  private static int hostedBy(List<ClusterView.ShardHost> hosts, String address) {
    return hosts.stream()
        .filter(host -> host.address().equals(address))
        .mapToInt(ClusterView.ShardHost::instanceCount)
        .sum();
  }

  private static long completed(WorkflowEngine via, List<String> ids) {
    List<CompletableFuture<InstanceView>> views =
        ids.stream()
            .map(
                id ->
                    via.client()
                        .get(JobWorkflow.TYPE, id)
                        .toCompletableFuture()
                        .exceptionally(error -> null))
            .toList();
    return views.stream()
        .map(CompletableFuture::join)
        .filter(view -> view != null && view.status() == InstanceStatus.COMPLETED)
        .count();
  }
}
