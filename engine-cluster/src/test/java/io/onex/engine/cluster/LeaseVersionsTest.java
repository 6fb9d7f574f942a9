package io.onex.engine.cluster;

import static io.onex.engine.cluster.testing.Stages.await;
import static io.onex.engine.cluster.testing.Stages.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.error.LeaseRejectedException;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.CounterWorkflow.CounterStart;
import io.onex.engine.core.testing.CounterWorkflow.Increment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether an instance is single-writer follows the definition version it is pinned to, not the
 * latest version of its type, in both directions.
 */
class LeaseVersionsTest {

  private static final String TYPE = "versioned-counter";

  @TempDir Path dataDir;

  private WorkflowEngine node(WorkflowRegistry registry) {
    return WorkflowEngine.create(
        ConfigFactory.parseMap(Map.of("onex.data-dir", dataDir.toString(), "onex.cluster.port", 0))
            .withFallback(ConfigFactory.load())
            .resolve(),
        registry);
  }

  private static ActionRequest increment() {
    return ActionRequest.of("Increment", new Increment(1));
  }

  @Test
  void shouldKeepRequiringTheLeaseOfAPinnedVersionWhenALaterVersionDoesNot() {
    // given an instance of v1 (single-writer), started under a lease that was then released
    Lease first;
    try (WorkflowEngine v1 =
        node(new WorkflowRegistry().register(CounterWorkflow.definition(TYPE, 1, true)))) {
      first = await(v1.leases().acquire(TYPE + "/w-1", "writer-a", Duration.ofMinutes(10)));
      await(
          v1.client()
              .start(
                  TYPE,
                  StartRequest.of("w-1", new CounterStart(0))
                      .withLease(first.leaseId(), first.fencingToken())));
      await(v1.leases().release(first.leaseId()));
    }

    // when v2 (not single-writer) is the latest version
    try (WorkflowEngine both =
        node(
            new WorkflowRegistry()
                .register(CounterWorkflow.definition(TYPE, 1, true))
                .register(CounterWorkflow.definition(TYPE, 2, false)))) {
      Throwable released =
          failureOf(
              both.client()
                  .send(TYPE, "w-1", increment().withLease(first.leaseId(), first.fencingToken())));
      Throwable missing = failureOf(both.client().send(TYPE, "w-1", increment()));
      Lease second =
          await(both.leases().acquire(TYPE + "/w-1", "writer-b", Duration.ofMinutes(10)));
      InstanceView admitted =
          await(
                  both.client()
                      .send(
                          TYPE,
                          "w-1",
                          increment().withLease(second.leaseId(), second.fencingToken())))
              .instance();

      // then the pinned v1 instance still admits only the current lease
      assertThat(released)
          .isInstanceOfSatisfying(
              LeaseRejectedException.class,
              e -> {
                assertThat(e.code()).isEqualTo("stale-lease");
                assertThat(e.reason()).isEqualTo("released");
              });
      assertThat(missing)
          .isInstanceOfSatisfying(
              LeaseRejectedException.class, e -> assertThat(e.code()).isEqualTo("lease-required"));
      assertThat(admitted.definitionVersion()).isEqualTo(1);
      assertThat(admitted.state().get("value").asInt()).isEqualTo(1);
      // and a new instance starts on v2, with no lease
      assertThat(
              await(both.client().start(TYPE, StartRequest.of("w-2", new CounterStart(0))))
                  .definitionVersion())
          .isEqualTo(2);
    }
  }

  @Test
  void shouldNotAskForALeaseThatAPinnedVersionDoesNotRequireWhenALaterVersionDoes() {
    // given an instance of v1, which requires no lease
    try (WorkflowEngine v1 =
        node(new WorkflowRegistry().register(CounterWorkflow.definition(TYPE, 1, false)))) {
      await(v1.client().start(TYPE, StartRequest.of("p-1", new CounterStart(0))));
    }

    // when v2 (single-writer) is the latest version
    try (WorkflowEngine both =
        node(
            new WorkflowRegistry()
                .register(CounterWorkflow.definition(TYPE, 1, false))
                .register(CounterWorkflow.definition(TYPE, 2, true)))) {
      InstanceView withoutLease = await(both.client().send(TYPE, "p-1", increment())).instance();
      InstanceView withAnyLease =
          await(both.client().send(TYPE, "p-1", increment().withLease("no-such-lease", 7)))
              .instance();
      Throwable newInstance =
          failureOf(both.client().start(TYPE, StartRequest.of("p-2", new CounterStart(0))));

      // then the v1 instance takes actions as it always did, and only v2 instances need a lease
      assertThat(withoutLease.definitionVersion()).isEqualTo(1);
      assertThat(withAnyLease.state().get("value").asInt()).isEqualTo(2);
      assertThat(newInstance)
          .isInstanceOfSatisfying(
              LeaseRejectedException.class, e -> assertThat(e.code()).isEqualTo("lease-required"));
    }
  }
}
