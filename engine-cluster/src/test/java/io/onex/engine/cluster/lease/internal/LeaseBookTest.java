package io.onex.engine.cluster.lease.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.cluster.lease.Lease;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseBookTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Lease lease(LeaseBook book, String id, String resource, String owner, long ttlMs) {
    return new Lease(
        id, resource, owner, book.nextToken(resource), T0, T0.plusMillis(ttlMs), ttlMs);
  }

  @Test
  void shouldGrowTheTokenOfAResourceAcrossReleasesAndTakeOvers() {
    // given
    LeaseBook book = LeaseBook.EMPTY;
    Lease first = lease(book, "l-1", "r", "alice", 1000);
    book = book.apply(new LeaseEvent.Granted(first));
    book = book.apply(new LeaseEvent.Released("r", "l-1"));
    Lease second = lease(book, "l-2", "r", "bob", 1000);
    book = book.apply(new LeaseEvent.Granted(second));
    Lease third = lease(book, "l-3", "r", "carol", 1000);

    // when a lapsed lease is taken over without a release
    book = book.apply(new LeaseEvent.Granted(third));

    // then
    assertThat(first.fencingToken()).isEqualTo(1);
    assertThat(second.fencingToken()).isEqualTo(2);
    assertThat(third.fencingToken()).isEqualTo(3);
    assertThat(book.byId("l-2")).isEmpty();
    assertThat(book.byId("l-3")).contains(third);
    assertThat(book.resourceOfLease()).containsOnlyKeys("l-3");
  }

  @Test
  void shouldNameWhyALeaseIsNotCurrent() {
    // given
    LeaseBook book = LeaseBook.EMPTY;
    Lease first = lease(book, "l-1", "r", "alice", 1000);
    book = book.apply(new LeaseEvent.Granted(first));
    Lease second = lease(book, "l-2", "r", "bob", 1000);
    book = book.apply(new LeaseEvent.Granted(second));
    book = book.apply(new LeaseEvent.Renewed("r", "l-2", T0.plusMillis(5000)));

    // then
    assertThat(book.verify("r", "l-2", 2, T0.plusMillis(4000)).reason()).isEqualTo("current");
    assertThat(book.verify("r", "l-2", 2, T0.plusMillis(5000)).reason()).isEqualTo("expired");
    assertThat(book.verify("r", "l-1", 1, T0).reason()).isEqualTo("superseded");
    assertThat(book.verify("r", "l-9", 2, T0).reason()).isEqualTo("unknown");
    assertThat(book.verify("other", "l-2", 2, T0).reason()).isEqualTo("unknown");
    book = book.apply(new LeaseEvent.Released("r", "l-2"));
    assertThat(book.verify("r", "l-2", 2, T0).reason()).isEqualTo("released");
    assertThat(book.active(T0)).isEmpty();
  }
}
