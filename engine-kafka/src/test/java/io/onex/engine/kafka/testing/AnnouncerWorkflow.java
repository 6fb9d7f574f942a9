package io.onex.engine.kafka.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.ReduceContext;
import io.onex.engine.core.Reducer;
import io.onex.engine.core.Transition;
import io.onex.engine.core.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A workflow that announces texts on topic {@value #TOPIC} through kafka intents. */
public final class AnnouncerWorkflow {

  public static final String TYPE = "announcer";
  public static final String TOPIC = "announcements";

  /** The text whose announcement is an intent without an event type, which the handler refuses. */
  public static final String WITHOUT_EVENT_TYPE = "(no event type)";

  private AnnouncerWorkflow() {}

  /** The announcer's actions. */
  public sealed interface AnnouncerAction permits Announce {}

  public record Announce(String text) implements AnnouncerAction {}

  public record AnnouncerStart() {}

  public record Announcements(List<String> published) {}

  public static WorkflowDefinition<Announcements, AnnouncerAction> definition() {
    return WorkflowDefinition.<Announcements, AnnouncerAction>builder(TYPE, 1)
        .description("Announces texts on Kafka")
        .state(Announcements.class, schema("{\"type\":\"object\"}"))
        .start(
            AnnouncerStart.class,
            schema("{\"type\":\"object\"}"),
            (input, context) -> new Announcements(List.of()))
        .action("Announce", Announce.class, schema("{\"type\":\"object\",\"required\":[\"text\"]}"))
        .reducer(new AnnouncerReducer())
        .build();
  }

  private static JsonNode schema(String json) {
    try {
      return new JsonMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final class AnnouncerReducer implements Reducer<Announcements, AnnouncerAction> {

    @Override
    public Transition<Announcements> reduce(
        Announcements state, AnnouncerAction action, ReduceContext ctx) {
      Announce announce = (Announce) action;
      Map<String, Object> payload =
          announce.text().equals(WITHOUT_EVENT_TYPE)
              ? Map.of("payload", Map.of("text", announce.text()))
              : Map.of("eventType", "Announced", "payload", Map.of("text", announce.text()));
      return Transition.to(state).emit(ctx.intent("kafka", TOPIC).payload(payload).build());
    }

    @Override
    public Transition<Announcements> onOutcome(
        Announcements state, Intent intent, IntentOutcome outcome, ReduceContext context) {
      List<String> published = new ArrayList<>(state.published());
      published.add(
          intent.intentId()
              + (outcome instanceof IntentOutcome.Succeeded ? ":succeeded" : ":failed"));
      return Transition.to(new Announcements(published));
    }
  }
}
