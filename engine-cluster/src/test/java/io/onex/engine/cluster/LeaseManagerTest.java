package io.onex.engine.cluster;

import static io.onex.engine.cluster.testing.Stages.await;
import static io.onex.engine.cluster.testing.Stages.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.cluster.lease.LeaseManager;
import io.onex.engine.cluster.testing.SingleNode;
import io.onex.engine.core.error.LeaseConflictException;
import io.onex.engine.core.error.LeaseExpiredException;
import io.onex.engine.core.error.LeaseNotFoundException;
import io.onex.engine.core.testing.CounterWorkflow;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseManagerTest {

  @TempDir static Path dataDir;
  private static WorkflowEngine engine;
  private static LeaseManager leases;

  @BeforeAll
  static void startEngine() {
    engine = SingleNode.onH2(dataDir, CounterWorkflow.definition());
    leases = engine.leases();
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  @Test
  void shouldRefuseAnotherOwnerAndGiveTheHolderItsOwnLeaseWhileItHolds() {
    // given
    Lease held = await(leases.acquire("held", "alice", Duration.ofMinutes(1)));

    // when
    Lease again = await(leases.acquire("held", "alice", Duration.ofMinutes(1)));
    Throwable refused = failureOf(leases.acquire("held", "bob", Duration.ofMinutes(1)));

    // then
    assertThat(again).isEqualTo(held);
    assertThat(refused)
        .isInstanceOf(LeaseConflictException.class)
        .hasMessageContaining("'alice' holds it under lease '" + held.leaseId() + "'");
    assertThat(await(leases.leases())).contains(held);
  }

  @Test
  void shouldGrantAHigherTokenWhenALapsedLeaseIsTakenByAnotherOwner() {
    // given
    Lease first = await(leases.acquire("lapsing", "alice", Duration.ofMillis(300)));

    // when
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> !await(leases.verify("lapsing", first.leaseId(), first.fencingToken())).valid());
    Lease second = await(leases.acquire("lapsing", "bob", Duration.ofMinutes(1)));

    // then
    assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
    assertThat(await(leases.verify("lapsing", first.leaseId(), first.fencingToken())).reason())
        .isEqualTo("superseded");
    assertThat(await(leases.verify("lapsing", second.leaseId(), second.fencingToken())).reason())
        .isEqualTo("current");
    assertThat(failureOf(leases.renew(first.leaseId(), null)))
        .isInstanceOf(LeaseNotFoundException.class);
  }

  @Test
  void shouldExtendALeaseWhenRenewedAndRefuseRenewalOnceItLapsed() {
    // given
    Lease lease = await(leases.acquire("renewed", "alice", Duration.ofMillis(400)));

    // when
    Lease renewed = await(leases.renew(lease.leaseId(), Duration.ofMinutes(1)));
    Lease shortLived = await(leases.acquire("short", "alice", Duration.ofMillis(200)));

    // then
    assertThat(renewed.expiresAt()).isAfter(lease.expiresAt());
    assertThat(renewed.fencingToken()).isEqualTo(lease.fencingToken());
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                await(leases.verify("short", shortLived.leaseId(), shortLived.fencingToken()))
                    .reason()
                    .equals("expired"));
    assertThat(failureOf(leases.renew(shortLived.leaseId(), null)))
        .isInstanceOf(LeaseExpiredException.class)
        .hasMessageContaining("acquire the resource again");
  }

  @Test
  void shouldFreeTheResourceWhenReleasedAndNeverReuseItsToken() {
    // given
    Lease first = await(leases.acquire("released", "alice", Duration.ofMinutes(1)));

    // when
    await(leases.release(first.leaseId()));

    // then
    assertThat(await(leases.verify("released", first.leaseId(), first.fencingToken())).reason())
        .isEqualTo("released");
    assertThat(failureOf(leases.release(first.leaseId())))
        .isInstanceOf(LeaseNotFoundException.class);
    Lease next = await(leases.acquire("released", "bob", Duration.ofMinutes(1)));
    assertThat(next.fencingToken()).isEqualTo(first.fencingToken() + 1);
    assertThat(await(leases.leases())).doesNotContain(first).contains(next);
  }

  @Test
  void shouldRefuseMalformedRequestsNamingTheField() {
    assertThat(failureOf(leases.acquire("r", "alice", Duration.ZERO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("onex.leases.max-ttl");
    assertThat(failureOf(leases.acquire(" ", "alice", Duration.ofSeconds(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'resource'");
    assertThat(failureOf(leases.acquire("r", null, Duration.ofSeconds(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'owner'");
    assertThat(await(leases.verify("never-leased", "x", 1)).reason()).isEqualTo("unknown");
  }
}
