package io.onex.engine.cluster.lease.internal;

import com.typesafe.config.Config;
import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.cluster.lease.LeaseCheck;
import io.onex.engine.cluster.lease.LeaseManager;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.concurrent.Stages;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The {@link LeaseManager} of one actor system: a proxy to the cluster's lease manager singleton,
 * started on first use (a Pekko extension, so once per system). Validates requests before they
 * leave the node.
 */
@InternalApi
public final class ClusterLeaseManager implements LeaseManager, Extension {

  private static final int MAX_RESOURCE_LENGTH = 500;
  private static final int MAX_OWNER_LENGTH = 200;

  private static final ExtensionId<ClusterLeaseManager> ID =
      new ExtensionId<>() {
        @Override
        public ClusterLeaseManager createExtension(ActorSystem<?> system) {
          return new ClusterLeaseManager(system);
        }
      };

  private final ActorSystem<?> system;
  private final ActorRef<LeaseCommand> singleton;
  private final Duration askTimeout;
  private final Duration maxTtl;

  private ClusterLeaseManager(ActorSystem<?> system) {
    Config settings = system.settings().config().getConfig("onex.leases");
    this.system = system;
    this.askTimeout = settings.getDuration("ask-timeout");
    this.maxTtl = settings.getDuration("max-ttl");
    this.singleton =
        ClusterSingleton.get(system)
            .init(
                SingletonActor.of(
                    // A failure restarts the manager, which recovers every lease from the journal.
                    Behaviors.supervise(
                            LeaseManagerBehavior.create(
                                Clock.systemUTC(), settings.getInt("snapshot-every")))
                        .onFailure(SupervisorStrategy.restart()),
                    "onex-lease-manager"));
  }

  /** The lease manager of {@code system}. */
  public static ClusterLeaseManager get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  @Override
  public CompletionStage<Lease> acquire(String resource, String owner, Duration ttl) {
    try {
      requireName("resource", resource, MAX_RESOURCE_LENGTH);
      requireName("owner", owner, MAX_OWNER_LENGTH);
      long ttlMs = requireTtl(ttl);
      return ask(
          replyTo -> new LeaseCommand.Acquire(resource, owner, ttlMs, replyTo),
          LeaseReply.Granted.class,
          LeaseReply.Granted::lease);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Lease> renew(String leaseId, Duration ttl) {
    try {
      requireName("leaseId", leaseId, MAX_OWNER_LENGTH);
      Long ttlMs = ttl == null ? null : requireTtl(ttl);
      return ask(
          replyTo -> new LeaseCommand.Renew(leaseId, ttlMs, replyTo),
          LeaseReply.Granted.class,
          LeaseReply.Granted::lease);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Lease> release(String leaseId) {
    try {
      requireName("leaseId", leaseId, MAX_OWNER_LENGTH);
      return ask(
          replyTo -> new LeaseCommand.Release(leaseId, replyTo),
          LeaseReply.Granted.class,
          LeaseReply.Granted::lease);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<LeaseCheck> verify(String resource, String leaseId, long fencingToken) {
    try {
      requireName("resource", resource, MAX_RESOURCE_LENGTH);
      requireName("leaseId", leaseId, MAX_OWNER_LENGTH);
      return ask(
          replyTo -> new LeaseCommand.Verify(resource, leaseId, fencingToken, replyTo),
          LeaseReply.Checked.class,
          LeaseReply.Checked::check);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<List<Lease>> leases() {
    return ask(LeaseCommand.ListLeases::new, LeaseReply.Listed.class, LeaseReply.Listed::leases);
  }

  private <R extends LeaseReply, T> CompletionStage<T> ask(
      Function<ActorRef<LeaseReply>, LeaseCommand> command,
      Class<R> expected,
      Function<R, T> answer) {
    return Stages.direct(
            AskPattern.<LeaseCommand, LeaseReply>ask(
                singleton, command::apply, askTimeout, system.scheduler()))
        .thenApply(
            reply -> {
              if (reply instanceof LeaseReply.Refused refused) {
                throw refused.error().toException();
              }
              return answer.apply(expected.cast(reply));
            });
  }

  private long requireTtl(Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(maxTtl) > 0) {
      throw new IllegalArgumentException(
          "Expected a lease ttl above 0 and at most "
              + maxTtl.toMillis()
              + " ms (onex.leases.max-ttl), but got "
              + (ttl == null ? "none" : ttl.toMillis() + " ms"));
    }
    return ttl.toMillis();
  }

  private static void requireName(String field, String value, int maxLength) {
    if (value == null || value.isBlank() || value.length() > maxLength) {
      throw new IllegalArgumentException(
          "Expected '"
              + field
              + "' to be 1 to "
              + maxLength
              + " characters, but got "
              + (value == null ? "none" : "'" + value + "'"));
    }
  }
}
