package io.onex.engine.samples;

import static io.onex.engine.core.testing.Actions.action;
import static io.onex.engine.core.testing.Actions.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.machine.InstanceMachine;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.node.cli.HistoryCommand;
import io.onex.engine.persistence.HistoryFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay debugger over HTTP, and the history command on journals and files. */
class HistoryDebuggingTest {

  private static final String ORDERS = "/v1/workflows/order/instances";

  @TempDir Path dir;

  private static void placeAndComplete(TestNode node, String id) {
    assertThat(
            node.post(ORDERS, "{\"instanceId\":\"" + id + "\",\"input\":{\"customerId\":\"ada\"}}")
                .status())
        .isEqualTo(201);
    assertThat(
            node.post(
                    ORDERS + "/" + id + "/actions",
                    "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"pen\",\"quantity\":3,\"unitPrice\":2}}")
                .status())
        .isEqualTo(200);
    assertThat(node.post(ORDERS + "/" + id + "/actions", "{\"type\":\"PlaceOrder\"}").status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> node.get(ORDERS + "/" + id).text("status").equals("COMPLETED"));
  }

  /** The {@code order} type's entry of {@code GET /v1/workflows}. */
  private static JsonNode orderEntry(JsonNode workflows) {
    for (JsonNode workflow : workflows.path("workflows")) {
      if (workflow.path("type").asText().equals("order")) {
        return workflow;
      }
    }
    throw new AssertionError("no order type in " + workflows);
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run history(WorkflowRegistry registry, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HistoryCommand.run(registry, new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Nested
  class OverHttp {

    @Test
    void shouldShowTheStateAtAnEventAndReplayAgainstAVersion() {
      try (TestNode node = TestNode.start(Map.of("onex.data-dir", dir.toString()))) {
        placeAndComplete(node, "dbg-1");

        Response atTwo = node.get(ORDERS + "/dbg-1/state?atSeq=2");
        assertThat(atTwo.status()).isEqualTo(200);
        assertThat(atTwo.text("status")).isEqualTo("RUNNING");
        assertThat(atTwo.body().at("/state/phase").asText()).isEqualTo("OPEN");
        Response atThree = node.get(ORDERS + "/dbg-1/state?atSeq=3");
        assertThat(atThree.body().at("/pendingIntents/0/target").asText()).isEqualTo("inventory");

        Response replay = node.post(ORDERS + "/dbg-1/replay", "{\"definitionVersion\":1}");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().get("firstDivergence").isNull()).isTrue();
        assertThat(replay.body().get("events")).hasSize(6);

        Response gate = node.post("/v1/workflows/order/replay-check", "{\"definitionVersion\":1}");
        assertThat(gate.body().get("diverging")).isEmpty();

        assertThat(node.get(ORDERS + "/dbg-1/state?atSeq=99").status()).isEqualTo(400);
        assertThat(node.get(ORDERS + "/dbg-1/state").status()).isEqualTo(400);
        assertThat(node.post(ORDERS + "/dbg-1/replay", "{\"definitionVersion\":7}").status())
            .isEqualTo(404);
        assertThat(node.post(ORDERS + "/dbg-1/replay", "{}").status()).isEqualTo(400);

        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    orderEntry(node.get("/v1/workflows").body())
                            .at("/versions/0/instances")
                            .asLong()
                        == 1);
      }
    }

    @Test
    void shouldRecoverAnImportedHistoryIdenticallyAfterExportAndWipe() throws IOException {
      Path first = dir.resolve("first");
      Path exported = dir.resolve("dbg-2.ndjson");
      JsonNode before;
      try (TestNode node = TestNode.start(Map.of("onex.data-dir", first.toString()))) {
        placeAndComplete(node, "dbg-2");
        before = node.get(ORDERS + "/dbg-2").body();
        String ndjson = node.getText(ORDERS + "/dbg-2/history/export");
        assertThat(ndjson.lines()).hasSize(6);
        Files.writeString(exported, ndjson);
      }
      deleteRecursively(first);

      Path fresh = dir.resolve("fresh");
      Run imported =
          history(
              Samples.registry(),
              "import",
              "--data-dir",
              fresh.toString(),
              "--file",
              exported.toString());
      assertThat(imported.exitCode()).as(imported.err()).isZero();
      assertThat(imported.out()).contains("Imported 6 events");
      Run again =
          history(
              Samples.registry(),
              "import",
              "--data-dir",
              fresh.toString(),
              "--file",
              exported.toString());
      assertThat(again.exitCode()).isEqualTo(HistoryCommand.FAILED);
      assertThat(again.err()).contains("already holds 6 events");

      try (TestNode node = TestNode.start(Map.of("onex.data-dir", fresh.toString()))) {
        assertThat(node.get(ORDERS + "/dbg-2").body()).isEqualTo(before);
        assertThat(node.getText(ORDERS + "/dbg-2/history/export"))
            .isEqualTo(Files.readString(exported));
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    node.get(ORDERS + "?status=COMPLETED")
                        .body()
                        .at("/instances/0/instanceId")
                        .asText()
                        .equals("dbg-2"));
      }
    }

    @Test
    void shouldListAndRebuildTheInstanceIndexOfAStoppedNode() {
      Path data = dir.resolve("listed");
      try (TestNode node = TestNode.start(Map.of("onex.data-dir", data.toString()))) {
        placeAndComplete(node, "dbg-3");
        assertThat(
                node.post(ORDERS, "{\"instanceId\":\"dbg-4\",\"input\":{\"customerId\":\"bob\"}}")
                    .status())
            .isEqualTo(201);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> node.get(ORDERS).body().get("instances").size() == 2);
      }

      Run completed =
          history(
              Samples.registry(), "list", "--data-dir", data.toString(), "--status", "COMPLETED");
      Run byCustomer =
          history(
              Samples.registry(),
              "list",
              "--data-dir",
              data.toString(),
              "--attr",
              "customerId=bob",
              "--json");
      Run rebuilt = history(Samples.registry(), "rebuild-index", "--data-dir", data.toString());
      Run afterRebuild =
          history(Samples.registry(), "list", "--data-dir", data.toString(), "--page-size", "1");
      Run bad =
          history(Samples.registry(), "list", "--data-dir", data.toString(), "--status", "ASLEEP");

      assertThat(completed.exitCode()).as(completed.err()).isZero();
      assertThat(completed.out()).contains("dbg-3").doesNotContain("dbg-4").contains("1 instances");
      assertThat(byCustomer.out()).contains("\"instanceId\":\"dbg-4\"").doesNotContain("dbg-3");
      assertThat(rebuilt.out()).contains("Indexed 2 instances");
      assertThat(afterRebuild.out()).contains("dbg-4").contains("next page: --page-token");
      assertThat(bad.exitCode()).isEqualTo(HistoryCommand.FAILED);
      assertThat(bad.err()).contains("--status");
    }
  }

  @Nested
  class OnFiles {

    private final WorkflowRegistry registry =
        new WorkflowRegistry()
            .register(CounterWorkflow.definition(1, 1))
            .register(CounterWorkflow.definition(2, 2));

    private Path counterHistory() throws IOException {
      var machine = InstanceMachine.of(CounterWorkflow.definition(1, 1));
      List<WorkflowEvent> events = new ArrayList<>();
      var applied = machine.start("file-1", start(Map.of("initial", 0)));
      events.add(applied.event());
      for (int i = 0; i < 3; i++) {
        applied = machine.apply(applied.instance(), action("Increment", Map.of("by", 2)));
        events.add(applied.event());
      }
      Path file = dir.resolve("counter.ndjson");
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        HistoryFiles.write(events, writer);
      }
      return file;
    }

    @Test
    void shouldExitNonZeroWhenAVersionDivergesFromAnExportedHistory() throws IOException {
      Path file = counterHistory();

      Run agreeing = history(registry, "replay", "--file", file.toString(), "--version", "1");
      Run diverging = history(registry, "replay", "--file", file.toString(), "--version", "2");

      assertThat(agreeing.exitCode()).isZero();
      assertThat(agreeing.out()).contains("0 diverging");
      assertThat(diverging.exitCode()).isEqualTo(HistoryCommand.DIVERGED);
      assertThat(diverging.out())
          .contains("1 diverging")
          .contains("\"sequence\":2")
          .contains("\"path\":\"/value\"");
    }

    @Test
    void shouldPrintATimelineAndRefuseBadUsage() throws IOException {
      Run shown = history(registry, "show", "--file", counterHistory().toString());

      assertThat(shown.exitCode()).isZero();
      assertThat(shown.out().lines().toList()).hasSize(5);
      assertThat(shown.out()).contains("SEQ").contains("$start").contains("Increment");
      assertThat(history(registry, "replay", "--version", "1").exitCode())
          .isEqualTo(HistoryCommand.FAILED);
      assertThat(history(registry, "nonsense").exitCode()).isEqualTo(HistoryCommand.FAILED);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
