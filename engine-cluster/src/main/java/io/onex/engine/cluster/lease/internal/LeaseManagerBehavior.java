package io.onex.engine.cluster.lease.internal;

import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.error.LeaseConflictException;
import io.onex.engine.core.error.LeaseException;
import io.onex.engine.core.error.LeaseExpiredException;
import io.onex.engine.core.error.LeaseNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The lease manager: one per cluster, run as a cluster singleton. Every grant, renewal and release
 * is journaled before it is answered, so the manager recovers every lease and every resource's
 * highest fencing token wherever it restarts.
 */
@InternalApi
public final class LeaseManagerBehavior
    extends EventSourcedBehaviorWithEnforcedReplies<LeaseCommand, LeaseEvent, LeaseBook> {

  /** The journal id of the cluster's lease manager. */
  public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("onex-lease-manager");

  private final Clock clock;
  private final int snapshotEvery;

  private LeaseManagerBehavior(Clock clock, int snapshotEvery) {
    super(
        PERSISTENCE_ID,
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.clock = clock;
    this.snapshotEvery = snapshotEvery;
  }

  public static Behavior<LeaseCommand> create(Clock clock, int snapshotEvery) {
    return Behaviors.setup(context -> new LeaseManagerBehavior(clock, snapshotEvery));
  }

  @Override
  public LeaseBook emptyState() {
    return LeaseBook.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2);
  }

  @Override
  public CommandHandlerWithReply<LeaseCommand, LeaseEvent, LeaseBook> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(LeaseCommand.Acquire.class, this::acquire)
        .onCommand(LeaseCommand.Renew.class, this::renew)
        .onCommand(LeaseCommand.Release.class, this::release)
        .onCommand(
            LeaseCommand.Verify.class,
            (book, verify) ->
                Effect()
                    .reply(
                        verify.replyTo(),
                        new LeaseReply.Checked(
                            book.verify(
                                verify.resource(),
                                verify.leaseId(),
                                verify.token(),
                                clock.instant()))))
        .onCommand(
            LeaseCommand.ListLeases.class,
            (book, list) ->
                Effect().reply(list.replyTo(), new LeaseReply.Listed(book.active(clock.instant()))))
        .build();
  }

  @Override
  public EventHandler<LeaseBook, LeaseEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(LeaseBook::apply);
  }

  private ReplyEffect<LeaseEvent, LeaseBook> acquire(LeaseBook book, LeaseCommand.Acquire acquire) {
    Instant now = clock.instant();
    Optional<Lease> held = book.current(acquire.resource()).filter(lease -> lease.activeAt(now));
    if (held.isPresent() && held.get().owner().equals(acquire.owner())) {
      return Effect().reply(acquire.replyTo(), new LeaseReply.Granted(held.get()));
    }
    if (held.isPresent()) {
      Lease lease = held.get();
      return refuse(
          acquire.replyTo(),
          new LeaseConflictException(
              "Expected resource '"
                  + acquire.resource()
                  + "' to be free for '"
                  + acquire.owner()
                  + "', but '"
                  + lease.owner()
                  + "' holds it under lease '"
                  + lease.leaseId()
                  + "' until "
                  + lease.expiresAt()));
    }
    Lease granted =
        new Lease(
            UUID.randomUUID().toString(),
            acquire.resource(),
            acquire.owner(),
            book.nextToken(acquire.resource()),
            now,
            now.plusMillis(acquire.ttlMs()),
            acquire.ttlMs());
    return Effect()
        .persist(new LeaseEvent.Granted(granted))
        .thenReply(acquire.replyTo(), after -> new LeaseReply.Granted(granted));
  }

  private ReplyEffect<LeaseEvent, LeaseBook> renew(LeaseBook book, LeaseCommand.Renew renew) {
    Optional<Lease> found = book.byId(renew.leaseId());
    if (found.isEmpty()) {
      return refuse(renew.replyTo(), notCurrent(renew.leaseId(), "renew"));
    }
    Lease lease = found.get();
    Instant now = clock.instant();
    if (!lease.activeAt(now)) {
      return refuse(
          renew.replyTo(),
          new LeaseExpiredException(
              "Expected to renew lease '"
                  + lease.leaseId()
                  + "' on '"
                  + lease.resource()
                  + "', but it expired at "
                  + lease.expiresAt()
                  + "; acquire the resource again"));
    }
    long ttlMs = renew.ttlMs() != null ? renew.ttlMs() : lease.ttlMs();
    Lease renewed = lease.extendedTo(now.plusMillis(ttlMs));
    return Effect()
        .persist(new LeaseEvent.Renewed(lease.resource(), lease.leaseId(), renewed.expiresAt()))
        .thenReply(renew.replyTo(), after -> new LeaseReply.Granted(renewed));
  }

  private ReplyEffect<LeaseEvent, LeaseBook> release(LeaseBook book, LeaseCommand.Release release) {
    Optional<Lease> found = book.byId(release.leaseId());
    if (found.isEmpty()) {
      return refuse(release.replyTo(), notCurrent(release.leaseId(), "release"));
    }
    Lease lease = found.get();
    return Effect()
        .persist(new LeaseEvent.Released(lease.resource(), lease.leaseId()))
        .thenReply(release.replyTo(), after -> new LeaseReply.Granted(lease));
  }

  private static LeaseNotFoundException notCurrent(String leaseId, String verb) {
    return new LeaseNotFoundException(
        "Expected to "
            + verb
            + " lease '"
            + leaseId
            + "', but no resource is held under it: it was released, lapsed and granted to"
            + " another owner, or never granted");
  }

  private ReplyEffect<LeaseEvent, LeaseBook> refuse(
      org.apache.pekko.actor.typed.ActorRef<LeaseReply> replyTo, LeaseException refusal) {
    return Effect().reply(replyTo, new LeaseReply.Refused(refusal.toError()));
  }
}
