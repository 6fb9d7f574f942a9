package io.onex.engine.cluster;

import static io.onex.engine.cluster.testing.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.cluster.lease.LeaseCheck;
import io.onex.engine.cluster.testing.TestCluster;
import io.onex.engine.core.LeaseFence;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.error.LeaseConflictException;
import io.onex.engine.core.error.LeaseRejectedException;
import io.onex.engine.core.testing.Actions;
import io.onex.engine.core.testing.CounterWorkflow;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.apache.pekko.cluster.typed.Cluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lease manager singleton leaves with its node and comes back on another with every grant, and
 * a single-writer instance fences out a holder whose lease was taken over.
 */
class LeaseHandoverTest {

  private static final String RESOURCE =
      LeaseFence.resourceOf(CounterWorkflow.SINGLE_WRITER_TYPE, "f-1");

  private TestCluster cluster;

  @AfterEach
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldKeepGrantsAndGrowTokensWhenTheSingletonMovesAndFenceOutAStaleHolder() {
    // given three nodes; orchestrator A holds the instance's lease and started it
    cluster =
        new TestCluster(
                config ->
                    WorkflowEngine.builder(config)
                        .workflow(CounterWorkflow.definition())
                        .workflow(CounterWorkflow.singleWriter()))
            .start(3);
    WorkflowEngine oldest = cluster.node(0);
    WorkflowEngine other = cluster.node(1);
    Lease a = await(other.leases().acquire(RESOURCE, "orchestrator-a", Duration.ofSeconds(2)));
    Lease longLived =
        await(other.leases().acquire("reports/daily", "reporter", Duration.ofMinutes(5)));
    await(
        other
            .client()
            .start(
                CounterWorkflow.SINGLE_WRITER_TYPE,
                StartRequest.of("f-1", Actions.json(Map.of("initial", 0)))
                    .withLease(a.leaseId(), a.fencingToken())));
    await(
        other
            .client()
            .send(
                CounterWorkflow.SINGLE_WRITER_TYPE,
                "f-1",
                ActionRequest.of("Increment", Actions.json(Map.of("by", 1)))
                    .withLease(a.leaseId(), a.fencingToken())));

    // when the node hosting the singleton (the oldest) leaves the cluster
    await(oldest.stop());
    cluster.awaitMembers(2);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                java.util.stream.StreamSupport.stream(
                        Cluster.get(other.system()).state().getMembers().spliterator(), false)
                    .noneMatch(member -> member.address().equals(TestCluster.address(oldest))));

    // then the grants are there on the new singleton
    assertThat(await(other.leases().leases()))
        .extracting(Lease::leaseId)
        .contains(longLived.leaseId());
    LeaseCheck longLivedCheck =
        await(
            cluster
                .node(2)
                .leases()
                .verify("reports/daily", longLived.leaseId(), longLived.fencingToken()));
    assertThat(longLivedCheck.valid()).isTrue();
    assertThatThrownBy(
            () -> await(other.leases().acquire("reports/daily", "intruder", Duration.ofSeconds(5))))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(LeaseConflictException.class);

    // and once A's lease lapsed, B gets the resource with a higher token and writes
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> !await(other.leases().verify(RESOURCE, a.leaseId(), a.fencingToken())).valid());
    Lease b =
        await(cluster.node(2).leases().acquire(RESOURCE, "orchestrator-b", Duration.ofSeconds(30)));
    assertThat(b.fencingToken()).isGreaterThan(a.fencingToken());
    InstanceView afterB =
        await(
                cluster
                    .node(2)
                    .client()
                    .send(
                        CounterWorkflow.SINGLE_WRITER_TYPE,
                        "f-1",
                        ActionRequest.of("Increment", Actions.json(Map.of("by", 10)))
                            .withLease(b.leaseId(), b.fencingToken())))
            .instance();
    assertThat(afterB.lease()).isEqualTo(new LeaseFence(b.leaseId(), b.fencingToken()));

    // and A, unaware its lease lapsed, is fenced out and changes nothing
    assertThatThrownBy(
            () ->
                await(
                    other
                        .client()
                        .send(
                            CounterWorkflow.SINGLE_WRITER_TYPE,
                            "f-1",
                            ActionRequest.of("Increment", Actions.json(Map.of("by", 1)))
                                .withLease(a.leaseId(), a.fencingToken()))))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            LeaseRejectedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("stale-lease");
              assertThat(e.reason()).isEqualTo("superseded");
              assertThat(e.getMessage()).contains("orchestrator-b");
            });
    InstanceView now = await(other.client().get(CounterWorkflow.SINGLE_WRITER_TYPE, "f-1"));
    assertThat(now.sequence()).isEqualTo(afterB.sequence());
    assertThat(now.state().get("value").asInt()).isEqualTo(11);
  }
}
