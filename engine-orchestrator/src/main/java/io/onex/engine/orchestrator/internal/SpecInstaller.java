package io.onex.engine.orchestrator.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.orchestrator.internal.CatalogProtocol.Event;
import io.onex.engine.persistence.EngineSerializable;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * One per node: installs what the catalog tells it, when a node registers a spec (and waits for
 * every installer's acknowledgement before it answers) and every {@code refresh-interval}, when it
 * asks the catalog for everything, so a node that missed a message catches up.
 */
@InternalApi
public final class SpecInstaller {

  /** The installers of the cluster, found through the receptionist. */
  public static final ServiceKey<Message> KEY =
      ServiceKey.create(Message.class, "onex-spec-installer");

  private SpecInstaller() {}

  /** What an installer is told. */
  public sealed interface Message extends EngineSerializable {}

  /** Install {@code events}, then acknowledge. */
  public record Install(List<Event> events, ActorRef<Installed> replyTo) implements Message {}

  /** The acknowledgement of an {@link Install}. */
  public record Installed(String node) implements EngineSerializable {}

  private record Refresh() implements Message {}

  private record Refreshed(CatalogProtocol.Reply reply) implements Message {}

  public static Behavior<Message> create(
      SpecInstalls installs, ActorRef<CatalogProtocol.Command> catalog, Duration refreshInterval) {
    return Behaviors.setup(
        context -> {
          context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
          ActorRef<CatalogProtocol.Reply> replies =
              context.messageAdapter(CatalogProtocol.Reply.class, Refreshed::new);
          String node = context.getSystem().address().toString();
          return Behaviors.withTimers(
              timers -> {
                timers.startTimerWithFixedDelay(new Refresh(), refreshInterval);
                return Behaviors.receive(Message.class)
                    .onMessage(
                        Install.class,
                        install -> {
                          installAll(installs, install.events(), context.getLog());
                          install.replyTo().tell(new Installed(node));
                          return Behaviors.same();
                        })
                    .onMessage(
                        Refresh.class,
                        refresh -> {
                          catalog.tell(new CatalogProtocol.GetAll(replies));
                          return Behaviors.same();
                        })
                    .onMessage(
                        Refreshed.class,
                        refreshed -> {
                          if (refreshed.reply() instanceof CatalogProtocol.Everything everything) {
                            installAll(
                                installs,
                                SpecCatalogBehavior.eventsOf(everything),
                                context.getLog());
                          }
                          return Behaviors.same();
                        })
                    .build();
              });
        });
  }

  private static void installAll(SpecInstalls installs, List<Event> events, org.slf4j.Logger log) {
    for (Event event : events) {
      try {
        installs.install(event);
      } catch (RuntimeException e) {
        log.error("Could not install {}: {}", event, e.getMessage());
      }
    }
  }
}
