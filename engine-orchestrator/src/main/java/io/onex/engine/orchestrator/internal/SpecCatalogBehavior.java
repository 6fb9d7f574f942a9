package io.onex.engine.orchestrator.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.orchestrator.internal.CatalogProtocol.Command;
import io.onex.engine.orchestrator.internal.CatalogProtocol.Event;
import io.onex.engine.orchestrator.internal.CatalogProtocol.Reply;
import io.onex.engine.orchestrator.internal.CatalogProtocol.RolloutChanged;
import io.onex.engine.orchestrator.internal.CatalogProtocol.SpecRegistered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The cluster's catalog of workflow specs and rollouts: one per cluster, a cluster singleton. It is
 * the single writer that decides whether a registration is new, a repeat, or a conflict, and it
 * journals every registration and rollout before answering, so the catalog survives every restart.
 * Every node reads the journal at start and asks the catalog for changes.
 */
@InternalApi
public final class SpecCatalogBehavior
    extends EventSourcedBehaviorWithEnforcedReplies<Command, Event, SpecCatalogBehavior.Book> {

  /** The catalog's journal id. */
  public static final PersistenceId PERSISTENCE_ID =
      PersistenceId.ofUniqueId("onex-workflow-specs");

  /** Everything registered: specs by type and version, rollouts by type. Immutable. */
  public record Book(Map<String, SpecRegistered> specs, Map<String, RolloutChanged> rollouts) {

    static final Book EMPTY = new Book(Map.of(), Map.of());

    static String key(String type, int version) {
      return type + "@" + version;
    }

    long nextRevision(String type) {
      RolloutChanged last = rollouts.get(type);
      return last == null ? 1 : last.revision() + 1;
    }

    Optional<SpecRegistered> find(String type, int version) {
      return Optional.ofNullable(specs.get(key(type, version)));
    }

    Book apply(Event event) {
      if (event instanceof SpecRegistered registered) {
        Map<String, SpecRegistered> next = new LinkedHashMap<>(specs);
        next.put(key(registered.type(), registered.version()), registered);
        return new Book(next, rollouts);
      }
      RolloutChanged changed = (RolloutChanged) event;
      Map<String, RolloutChanged> next = new LinkedHashMap<>(rollouts);
      next.put(changed.type(), changed);
      return new Book(specs, next);
    }
  }

  private SpecCatalogBehavior() {
    super(
        PERSISTENCE_ID,
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
  }

  public static Behavior<Command> create() {
    return Behaviors.setup(context -> new SpecCatalogBehavior());
  }

  @Override
  public Book emptyState() {
    return Book.EMPTY;
  }

  @Override
  public CommandHandlerWithReply<Command, Event, Book> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(CatalogProtocol.Register.class, this::register)
        .onCommand(
            CatalogProtocol.SetRollout.class,
            (book, set) -> {
              RolloutChanged changed =
                  new RolloutChanged(set.type(), set.rollout(), book.nextRevision(set.type()));
              return Effect()
                  .persist(changed)
                  .thenReply(set.replyTo(), after -> new CatalogProtocol.RolloutSet(changed));
            })
        .onCommand(
            CatalogProtocol.GetAll.class,
            (book, get) ->
                Effect()
                    .reply(
                        get.replyTo(),
                        new CatalogProtocol.Everything(
                            new ArrayList<>(book.specs().values()),
                            new ArrayList<>(book.rollouts().values()))))
        .build();
  }

  private ReplyEffect<Event, Book> register(Book book, CatalogProtocol.Register register) {
    Optional<SpecRegistered> known = book.find(register.type(), register.version());
    if (known.isPresent()) {
      Reply reply =
          known.get().document().equals(register.document())
              ? new CatalogProtocol.Registered(false)
              : new CatalogProtocol.Conflict(register.type(), register.version());
      return Effect().reply(register.replyTo(), reply);
    }
    return Effect()
        .persist(new SpecRegistered(register.type(), register.version(), register.document()))
        .thenReply(register.replyTo(), after -> new CatalogProtocol.Registered(true));
  }

  @Override
  public EventHandler<Book, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(Book::apply);
  }

  /** The events of {@code book}, for installing: specs first, then rollouts. */
  static List<Event> eventsOf(CatalogProtocol.Everything everything) {
    List<Event> events = new ArrayList<>(everything.specs());
    events.addAll(everything.rollouts());
    return events;
  }
}
