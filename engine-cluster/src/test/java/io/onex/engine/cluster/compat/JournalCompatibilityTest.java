package io.onex.engine.cluster.compat;

import static io.onex.engine.cluster.testing.Stages.await;
import static io.onex.engine.cluster.testing.Stages.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceQuery;
import io.onex.engine.core.client.InstanceSummary;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.error.InstanceClosedException;
import io.onex.engine.core.error.LeaseConflictException;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.replay.WorkflowReplayer;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal written by release 0.1 (see {@link JournalFixtureWriter}) is recovered by this release
 * with the same events, states, digests, pending intents, idempotency answers and leases.
 */
class JournalCompatibilityTest {

  @TempDir static Path dataDir;
  private static WorkflowEngine engine;
  private static JsonNode expected;

  @BeforeAll
  static void recoverTheFixture() throws Exception {
    JournalFixture.restore(JournalFixture.RELEASE_0_1, dataDir);
    try (InputStream in = JournalFixture.resource(JournalFixture.RELEASE_0_1 + "expected.json")) {
      expected = EngineJson.mapper().readTree(in);
    }
    engine =
        WorkflowEngine.create(JournalFixture.nodeConfig(dataDir), JournalFixture.registry(true));
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  @Test
  void shouldReadBackEveryEventAsItWasJournaled() {
    for (JsonNode instance : expected.get("instances")) {
      // when
      List<WorkflowEvent> history =
          await(engine.client().history().export(type(instance), id(instance)));

      // then
      List<JsonNode> recorded = new ArrayList<>();
      instance.get("history").forEach(event -> recorded.add(withoutDroppedFields(event)));
      assertThat(json(history.subList(0, recorded.size())))
          .as("history of %s", id(instance))
          .isEqualTo(json(recorded));
      assertThat(
              WorkflowReplayer.of(engine.registry())
                  .stateAt(history, recorded.size())
                  .stateDigest())
          .isEqualTo(recorded.get(recorded.size() - 1).get("stateDigest").asText());
    }
  }

  @Test
  void shouldIndexEveryInstanceJournaledBeforeTheIndexExisted() {
    // the journal's events carry no read-side tags: the index is seeded from the histories
    for (JsonNode instance : expected.get("instances")) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                InstanceSummary row =
                    await(
                            engine
                                .client()
                                .list(InstanceQuery.ofType(type(instance)).withPageSize(100)))
                        .instances()
                        .stream()
                        .filter(listed -> listed.instanceId().equals(id(instance)))
                        .findFirst()
                        .orElseThrow();
                assertThat(row.status().name()).isEqualTo(instance.at("/view/status").asText());
                assertThat(row.lastSequence())
                    .isGreaterThanOrEqualTo(instance.get("history").size());
                assertThat(row.startedAt())
                    .isEqualTo(
                        Instant.parse(instance.at("/history/0/timestamp").asText())
                            .truncatedTo(ChronoUnit.MILLIS));
              });
    }
  }

  @Test
  void shouldRecoverEveryInstanceWithItsStateVersionStatusAndLease() {
    for (JsonNode instance : expected.get("instances")) {
      JsonNode view = instance.get("view");
      // when
      InstanceView atRecordedEnd =
          await(
              engine
                  .client()
                  .history()
                  .stateAt(type(instance), id(instance), view.get("sequence").asLong()));

      // then
      assertThat(comparable(json(atRecordedEnd)))
          .as("instance %s", id(instance))
          .isEqualTo(comparable(view));
    }
  }

  @Test
  void shouldCarryOutTheIntentThatWasPendingWithItsOriginalIdempotencyKey() {
    // given
    JsonNode pending = instance("c-pending").get("view").get("pendingIntents").get(0);

    // when
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> await(engine.client().get("counter", "c-pending")).pendingIntents().isEmpty());

    // then
    List<WorkflowEvent> history = await(engine.client().history().export("counter", "c-pending"));
    WorkflowEvent outcome = history.get(history.size() - 1);
    assertThat(history).hasSize(4);
    assertThat(outcome.action().type()).isEqualTo(IntentOutcome.SUCCEEDED);
    assertThat(outcome.causationId()).isEqualTo(pending.get("intentId").asText());
    assertThat(pending.get("idempotencyKey").asText())
        .isEqualTo(history.get(2).intents().get(0).idempotencyKey());
  }

  @Test
  void shouldAnswerARepeatedKeyedStartFromTheRecoveredIdempotencyWindow() {
    // when
    InstanceView again =
        await(
            engine
                .client()
                .start(
                    "counter",
                    new StartRequest(
                        "c-done",
                        json(Map.of("initial", 1)),
                        "flow-1",
                        null,
                        null,
                        "start-c-done",
                        Map.of())));

    // then
    assertThat(again.sequence()).isEqualTo(1);
    assertThat(again.status()).isEqualTo(InstanceStatus.PENDING);
  }

  @Test
  void shouldKeepEndedInstancesClosedAndPinnedInstancesOnTheirVersion() {
    // when
    Throwable closed = failureOf(engine.client().send("counter", "c-done", increment(1)));
    InstanceView pinned = await(engine.client().send("counter", "c-v2", increment(1))).instance();

    // then
    assertThat(closed).isInstanceOf(InstanceClosedException.class);
    assertThat(pinned.definitionVersion()).isEqualTo(2);
    assertThat(pinned.epoch()).as("the first event after release 0.1 advances the epoch").isOne();
    assertThat(pinned.state().get("value").asInt()).isEqualTo(9);
  }

  @Test
  void shouldRecoverTheLeasesAndKeepTheirTokensGrowing() {
    // when
    List<Lease> leases = await(engine.leases().leases());

    // then
    assertThat(json(leases)).isEqualTo(expected.get("leases"));
    Lease weekly =
        leases.stream()
            .filter(l -> l.resource().equals("reports/weekly"))
            .findFirst()
            .orElseThrow();
    assertThat(failureOf(engine.leases().acquire("reports/weekly", "other", Duration.ofMinutes(1))))
        .isInstanceOf(LeaseConflictException.class);
    await(engine.leases().release(weekly.leaseId()));
    Lease next = await(engine.leases().acquire("reports/weekly", "other", Duration.ofMinutes(1)));
    assertThat(next.fencingToken()).isEqualTo(weekly.fencingToken() + 1);

    Lease fence =
        leases.stream()
            .filter(l -> l.resource().equals("fenced-counter/f-1"))
            .findFirst()
            .orElseThrow();
    InstanceView admitted =
        await(
                engine
                    .client()
                    .send(
                        "fenced-counter",
                        "f-1",
                        increment(1).withLease(fence.leaseId(), fence.fencingToken())))
            .instance();
    assertThat(admitted.sequence()).isEqualTo(3);
  }

  /**
   * The event as this release reads it: the action's {@code status} and {@code target}, which
   * release 0.1 wrote but which meant nothing, are dropped.
   */
  private static JsonNode withoutDroppedFields(JsonNode event) {
    ObjectNode copy = event.deepCopy();
    ((ObjectNode) copy.get("action")).remove(List.of("status", "target"));
    return copy;
  }

  private static JsonNode instance(String id) {
    for (JsonNode instance : expected.get("instances")) {
      if (id(instance).equals(id)) {
        return instance;
      }
    }
    throw new IllegalArgumentException(id);
  }

  /** The view without what the executor reports of intents in flight on the writing node. */
  private static JsonNode comparable(JsonNode view) {
    ObjectNode copy = view.deepCopy();
    copy.set(
        "pendingIntents",
        EngineJson.mapper().valueToTree(view.get("pendingIntents").findValuesAsText("intentId")));
    return copy;
  }

  private static String type(JsonNode instance) {
    return instance.get("type").asText();
  }

  private static String id(JsonNode instance) {
    return instance.get("id").asText();
  }

  private static ActionRequest increment(int by) {
    return ActionRequest.of("Increment", json(Map.of("by", by)));
  }

  /** {@code value} as JSON read back from its text, so numbers compare as written. */
  private static JsonNode json(Object value) {
    try {
      return EngineJson.mapper().readTree(EngineJson.mapper().writeValueAsString(value));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
