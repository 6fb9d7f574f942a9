package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trace follows an order from the client's request to its end: the gateway continues the
 * client's W3C {@code traceparent}; the action is a span under the request, its journal write a
 * span under the action; each intent is a span under the action that emitted it, each attempt a
 * span under the intent, and the HTTP call to the sample service a client span under the attempt,
 * whose context the service receives as {@code traceparent}; each outcome's delivery leads to the
 * next action in the same trace.
 */
class OrderTraceTest {

  private static final String ORDERS = "/v1/workflows/order/instances";
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CLIENT_SPAN = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01";

  @TempDir Path dataDir;

  @Test
  void oneTraceShowsTheRequestTheActionItsJournalWriteEachAttemptAndEachCall() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk telemetry =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    try (telemetry;
        TestNode node =
            TestNode.start(
                Map.of("onex.data-dir", dataDir.toString()),
                builder -> builder.openTelemetry(telemetry))) {
      assertThat(
              node.post(
                      ORDERS,
                      "{\"instanceId\":\"o-traced\",\"input\":{\"customerId\":\"alice\"}}",
                      "traceparent",
                      TRACEPARENT)
                  .status())
          .isEqualTo(201);
      assertThat(
              node.post(
                      ORDERS + "/o-traced/actions",
                      "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"book\",\"quantity\":1,\"unitPrice\":5}}",
                      "traceparent",
                      TRACEPARENT)
                  .status())
          .isEqualTo(200);
      assertThat(
              node.post(
                      ORDERS + "/o-traced/actions",
                      "{\"type\":\"PlaceOrder\"}",
                      "traceparent",
                      TRACEPARENT)
                  .status())
          .isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> node.get(ORDERS + "/o-traced").text("status").equals("COMPLETED"));
      // the last outcome's delivery span ends once the instance took it
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> spans(exporter).stream().filter(named("outcome ")).count() == 3);

      // all but the test's own polling, which sent no traceparent, belong to the client's trace
      List<SpanData> spans = spans(exporter).stream().filter(named("GET ").negate()).toList();
      assertThat(spans).hasSizeGreaterThan(20).allMatch(span -> span.getTraceId().equals(TRACE_ID));

      SpanData placeRequest =
          only(
              spans,
              span ->
                  span.getKind() == SpanKind.SERVER
                      && span.getName().equals("POST /v1/workflows/{type}/instances/{id}/actions")
                      && childOf(spans, span, "action PlaceOrder").isPresent());
      assertThat(placeRequest.getParentSpanId()).isEqualTo(CLIENT_SPAN);
      SpanData placeOrder = childOf(spans, placeRequest, "action PlaceOrder").orElseThrow();
      assertThat(childOf(spans, placeOrder, "journal write")).isPresent();
      assertThat(childOf(spans, placeOrder, "intent http:inventory")).isPresent();

      for (String service : List.of("inventory", "payment", "shipping")) {
        SpanData intent = only(spans, named("intent http:" + service));
        SpanData attempt = childOf(spans, intent, "attempt 1").orElseThrow();
        SpanData call = childOf(spans, attempt, "HTTP POST").orElseThrow();
        assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        String operation =
            switch (service) {
              case "inventory" -> "inventory/reservations";
              case "payment" -> "payment/charges";
              default -> "shipping/shipments";
            };
        assertThat(node.services().traceparentsReceived(operation))
            .containsExactly("00-" + TRACE_ID + "-" + call.getSpanId() + "-01");
        // the outcome goes back to the instance, whose next action continues the trace
        SpanData outcome = childOf(spans, intent, "outcome IntentSucceeded").orElseThrow();
        SpanData next = childOf(spans, outcome, "action IntentSucceeded").orElseThrow();
        assertThat(childOf(spans, next, "journal write")).isPresent();
      }
      // payment was emitted by the action that took inventory's outcome, shipping by payment's
      SpanData inventoryOutcome =
          childOf(spans, only(spans, named("intent http:inventory")), "outcome IntentSucceeded")
              .orElseThrow();
      SpanData afterInventory =
          childOf(spans, inventoryOutcome, "action IntentSucceeded").orElseThrow();
      assertThat(childOf(spans, afterInventory, "intent http:payment")).isPresent();
    }
  }

  private static List<SpanData> spans(InMemorySpanExporter exporter) {
    return exporter.getFinishedSpanItems();
  }

  private static Predicate<SpanData> named(String prefix) {
    return span -> span.getName().startsWith(prefix);
  }

  private static Optional<SpanData> childOf(List<SpanData> spans, SpanData parent, String name) {
    return spans.stream()
        .filter(span -> span.getParentSpanId().equals(parent.getSpanId()))
        .filter(span -> span.getName().equals(name))
        .findFirst();
  }

  private static SpanData only(List<SpanData> spans, Predicate<SpanData> which) {
    List<SpanData> found = spans.stream().filter(which).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
