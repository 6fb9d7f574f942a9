package io.onex.engine.cluster.compat;

import static io.onex.engine.cluster.testing.Stages.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.testing.CounterWorkflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the journal fixture that {@link JournalCompatibilityTest} recovers: run it once with the
 * release whose journal format is to be kept, {@code mvn -pl engine-cluster test
 * -Dtest=JournalFixtureWriter -Donex.fixture.out=<folder>}, and commit the folder under {@code
 * src/test/resources/fixtures/}. Skipped otherwise.
 */
@EnabledIfSystemProperty(named = "onex.fixture.out", matches = ".+")
class JournalFixtureWriter {

  private static final Duration CENTURY = Duration.ofDays(36_500);
  private static final String COUNTER = CounterWorkflow.TYPE;
  private static final String FENCED = CounterWorkflow.SINGLE_WRITER_TYPE;

  @TempDir Path dataDir;

  @Test
  void writeFixture() throws Exception {
    Path out = Path.of(System.getProperty("onex.fixture.out"));
    Files.createDirectories(out);

    try (WorkflowEngine engine = start(false)) {
      writeLeases(engine);
      writeFinishedCounter(engine);
      writeCounterAwaitingAnIntent(engine);
      writeSingleWriterCounter(engine);
    }
    try (WorkflowEngine engine = start(true)) {
      await(engine.client().start(COUNTER, StartRequest.of("c-v2", json(Map.of("initial", 7)))));
      await(engine.client().send(COUNTER, "c-v2", increment(1)));
    }

    ObjectNode expected = EngineJson.mapper().createObjectNode();
    try (WorkflowEngine engine = start(true)) {
      ArrayNode instances = expected.putArray("instances");
      for (List<String> address :
          List.of(
              List.of(COUNTER, "c-done"),
              List.of(COUNTER, "c-pending"),
              List.of(COUNTER, "c-v2"),
              List.of(FENCED, "f-1"))) {
        ObjectNode instance = instances.addObject();
        instance.put("type", address.get(0));
        instance.put("id", address.get(1));
        instance.set("view", json(await(engine.client().get(address.get(0), address.get(1)))));
        instance.set(
            "history",
            json(await(engine.client().history().export(address.get(0), address.get(1)))));
      }
      expected.set("leases", json(await(engine.leases().leases())));
    }
    EngineJson.mapper()
        .writerWithDefaultPrettyPrinter()
        .writeValue(out.resolve("expected.json").toFile(), expected);
    JournalFixture.dump(dataDir, out.resolve("journal.sql"));
  }

  private static void writeLeases(WorkflowEngine engine) {
    await(engine.leases().acquire("reports/nightly", "orchestrator-a", CENTURY));
    Lease first = await(engine.leases().acquire("reports/weekly", "orchestrator-a", CENTURY));
    await(engine.leases().release(first.leaseId()));
    Lease second = await(engine.leases().acquire("reports/weekly", "orchestrator-b", CENTURY));
    await(engine.leases().renew(second.leaseId(), CENTURY.minusDays(1)));
  }

  private static void writeFinishedCounter(WorkflowEngine engine) {
    StartRequest start =
        new StartRequest(
            "c-done", json(Map.of("initial", 1)), "flow-1", null, null, "start-c-done", Map.of());
    await(engine.client().start(COUNTER, start));
    await(
        engine
            .client()
            .send(
                COUNTER,
                "c-done",
                new ActionRequest(
                    "Increment",
                    json(Map.of("by", 2)),
                    null,
                    null,
                    null,
                    null,
                    null,
                    "increment-once",
                    Map.of("by", "fixture"))));
    await(engine.client().send(COUNTER, "c-done", increment(3)));
    await(
        engine
            .client()
            .send(COUNTER, "c-done", ActionRequest.of("Decrement", json(Map.of("by", 1)))));
    await(engine.client().send(COUNTER, "c-done", increment(4)));
    await(
        engine
            .client()
            .send(COUNTER, "c-done", ActionRequest.of("Notify", json(Map.of("target", "x")))));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> await(engine.client().get(COUNTER, "c-done")).pendingIntents().isEmpty());
    await(engine.client().send(COUNTER, "c-done", ActionRequest.of("Finish", json(Map.of()))));
  }

  /** The log intent of {@code c-pending} never finishes while the fixture is written. */
  private static void writeCounterAwaitingAnIntent(WorkflowEngine engine) {
    await(engine.client().start(COUNTER, StartRequest.of("c-pending", json(Map.of("initial", 0)))));
    await(engine.client().send(COUNTER, "c-pending", increment(5)));
    await(
        engine
            .client()
            .send(COUNTER, "c-pending", ActionRequest.of("Notify", json(Map.of("target", "y")))));
  }

  /**
   * A node on the fixture's journal whose log handler finishes no intent, except those of {@code
   * c-done}.
   */
  private WorkflowEngine start(boolean withVersion2) {
    return WorkflowEngine.builder(JournalFixture.nodeConfig(dataDir))
        .workflows(JournalFixture.registry(withVersion2))
        .handler(system -> new LogOnlyFor("c-done"))
        .start();
  }

  /** A log handler that never completes the intents of instances other than {@code id}. */
  private record LogOnlyFor(String id) implements EffectHandler {
    @Override
    public String handlerType() {
      return "log";
    }

    @Override
    public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
      return request.instanceId().equals(id)
          ? CompletableFuture.completedFuture(EffectResult.of(json(Map.of("logged", true))))
          : new CompletableFuture<>();
    }

    @Override
    public HandlerDescription describe() {
      return new HandlerDescription("log", "logs the intents of one instance", Map.of());
    }
  }

  private static void writeSingleWriterCounter(WorkflowEngine engine) {
    Lease lease = await(engine.leases().acquire("fenced-counter/f-1", "writer-a", CENTURY));
    await(
        engine
            .client()
            .start(
                FENCED,
                StartRequest.of("f-1", json(Map.of("initial", 10)))
                    .withLease(lease.leaseId(), lease.fencingToken())));
    await(
        engine
            .client()
            .send(FENCED, "f-1", increment(2).withLease(lease.leaseId(), lease.fencingToken())));
  }

  private static ActionRequest increment(int by) {
    return ActionRequest.of("Increment", json(Map.of("by", by)));
  }

  private static com.fasterxml.jackson.databind.JsonNode json(Object value) {
    return EngineJson.mapper().valueToTree(value);
  }
}
