package io.onex.engine.persistence.internal;

import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.persistence.EventTags;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;

/**
 * Writes an exported history into the journal under its instance's persistence id, all events in
 * one atomic write, and only when the journal has no event for that instance yet. Stops after
 * answering.
 */
@InternalApi
public final class HistoryImporter
    extends EventSourcedBehaviorWithEnforcedReplies<HistoryImporter.Import, WorkflowEvent, Long> {

  /** Import {@code events}; the reply is the number of events written, or why none were. */
  public record Import(List<WorkflowEvent> events, ActorRef<Result> replyTo) {}

  /** What came of an import: events written, or the reason nothing was written. */
  public record Result(int written, String refusal) {}

  private final Set<String> tags;

  private HistoryImporter(String workflowType, String instanceId, int slices) {
    super(PersistenceId.of(workflowType, instanceId));
    this.tags = EventTags.of(workflowType, instanceId, slices);
  }

  /**
   * The importer of one instance's history; its events get the read side's tags ({@link EventTags})
   * for {@code slices} slices, so the instance index and event streams see them.
   */
  public static Behavior<Import> create(String workflowType, String instanceId, int slices) {
    return new HistoryImporter(workflowType, instanceId, slices);
  }

  @Override
  public Set<String> tagsFor(WorkflowEvent event) {
    return tags;
  }

  @Override
  public Long emptyState() {
    return 0L;
  }

  @Override
  public CommandHandlerWithReply<Import, WorkflowEvent, Long> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(
            Import.class,
            (last, command) ->
                last > 0
                    ? Effect()
                        .stop()
                        .thenReply(
                            command.replyTo(),
                            after ->
                                new Result(
                                    0,
                                    "the journal already holds "
                                        + last
                                        + " events of this instance"))
                    : Effect()
                        .persist(command.events())
                        .thenStop()
                        .thenReply(
                            command.replyTo(), after -> new Result(command.events().size(), null)))
        .build();
  }

  @Override
  public EventHandler<Long, WorkflowEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((last, event) -> event.sequence());
  }
}
