package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onex.engine.core.testing.TestPostgres;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trace follows an order across the nodes of a cluster: orders placed through node B's gateway
 * whose instances live on node A have their action spans recorded by A under B's request spans, and
 * their intents and outcomes recorded by A in the same trace. Each node exports to its own
 * exporter, as two processes would.
 */
class ClusteredTraceTest {

  private static final String ORDERS = "/v1/workflows/order/instances";

  @TempDir Path dataDir;

  @Test
  void anOrderPlacedOnOneNodeAndRunOnAnotherIsOneTrace() {
    Map<String, Object> journal = TestPostgres.newJournal();
    InMemorySpanExporter spansOfA = InMemorySpanExporter.create();
    InMemorySpanExporter spansOfB = InMemorySpanExporter.create();
    try (OpenTelemetrySdk telemetryA = telemetry(spansOfA);
        OpenTelemetrySdk telemetryB = telemetry(spansOfB);
        TestNode nodeA = TestNode.start(settings(journal, "a"), b -> b.openTelemetry(telemetryA))) {
      var self = Cluster.get(nodeA.node().engine().system()).selfMember().address();
      Map<String, Object> joining = settings(journal, "b");
      joining.put("onex.cluster.seed-nodes", self.host().get() + ":" + self.port().get());
      try (TestNode nodeB = TestNode.start(joining, b -> b.openTelemetry(telemetryB))) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    java.util.stream.StreamSupport.stream(
                                Cluster.get(nodeA.node().engine().system())
                                    .state()
                                    .getMembers()
                                    .spliterator(),
                                false)
                            .filter(member -> member.status() == MemberStatus.up())
                            .count()
                        == 2);

        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String id = "t-" + i;
          orders.add(id);
          assertThat(
                  nodeB
                      .post(
                          ORDERS,
                          "{\"instanceId\":\"" + id + "\",\"input\":{\"customerId\":\"c\"}}")
                      .status())
              .isEqualTo(201);
          assertThat(
                  nodeB
                      .post(
                          ORDERS + "/" + id + "/actions",
                          "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"book\",\"quantity\":1,\"unitPrice\":3}}")
                      .status())
              .isEqualTo(200);
          assertThat(
                  nodeB.post(ORDERS + "/" + id + "/actions", "{\"type\":\"PlaceOrder\"}").status())
              .isEqualTo(200);
        }
        for (String id : orders) {
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> nodeB.get(ORDERS + "/" + id).text("status").equals("COMPLETED"));
        }
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> count(spansOfA, "outcome ") + count(spansOfB, "outcome ") == 3 * 8);

        // B answered every request; the orders B does not host ran on A, under B's requests
        Map<String, SpanData> requestsOnB =
            spansOfB.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER)
                .collect(Collectors.toMap(SpanData::getSpanId, span -> span));
        List<SpanData> placedOnA =
            spansOfA.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("action PlaceOrder"))
                .toList();
        assertThat(placedOnA).isNotEmpty();
        for (SpanData action : placedOnA) {
          SpanData request = requestsOnB.get(action.getParentSpanId());
          assertThat(request).as("the request on B of %s", action).isNotNull();
          assertThat(request.getTraceId()).isEqualTo(action.getTraceId());
          // the rest of that order's path is on A, in the same trace
          Set<String> onA =
              spansOfA.getFinishedSpanItems().stream()
                  .filter(span -> span.getTraceId().equals(action.getTraceId()))
                  .map(SpanData::getName)
                  .collect(Collectors.toSet());
          assertThat(onA)
              .contains(
                  "journal write",
                  "intent http:inventory",
                  "intent http:payment",
                  "intent http:shipping",
                  "HTTP POST",
                  "action IntentSucceeded");
        }
      }
    }
  }

  private static long count(InMemorySpanExporter exporter, String prefix) {
    return exporter.getFinishedSpanItems().stream()
        .filter(span -> span.getName().startsWith(prefix))
        .count();
  }

  private Map<String, Object> settings(Map<String, Object> journal, String node) {
    Map<String, Object> settings = new HashMap<>(journal);
    settings.put("onex.data-dir", dataDir.resolve(node).toString());
    return settings;
  }

  private static OpenTelemetrySdk telemetry(InMemorySpanExporter exporter) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build())
        .build();
  }
}
