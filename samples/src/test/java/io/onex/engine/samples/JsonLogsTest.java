package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.json.EngineJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node started with {@code ONEX_LOG_FORMAT=json} (its own logback.xml, as the node jar ships it)
 * writes one JSON object a line; every line of one order (its requests' access lines, its actions,
 * its effects and its outcomes) carries the order's correlation id, workflow type and instance id,
 * and none at INFO carries a payload.
 */
class JsonLogsTest {

  private static final String ORDERS = "/v1/workflows/order/instances";
  private static final String CORRELATION = "corr-json-7";
  private static final String ORDER = "o-json";

  @TempDir Path dataDir;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void everyLineOfAnOrderCarriesItsCorrelationIdAndInstanceId() throws Exception {
    try (NodeProcess node =
        new NodeProcess(dataDir)
            .withEnvironment("ONEX_LOG_FORMAT", "json")
            .withEnvironment("ONEX_LOG_LEVEL", "DEBUG")) {
      node.start("node.log", "-Dlogback.configurationFile=logback.xml");
      String base = "http://127.0.0.1:" + node.port() + ORDERS;
      assertThat(
              send(base, "{\"instanceId\":\"" + ORDER + "\",\"input\":{\"customerId\":\"alice\"}}"))
          .isEqualTo(201);
      assertThat(
              send(
                  base + "/" + ORDER + "/actions",
                  "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"secret-sku\",\"quantity\":1,"
                      + "\"unitPrice\":9}}"))
          .isEqualTo(200);
      assertThat(send(base + "/" + ORDER + "/actions", "{\"type\":\"PlaceOrder\"}")).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  client
                      .send(
                          request(base + "/" + ORDER).GET().build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body()
                      .contains("\"COMPLETED\""));
      // the last outcome's delivery is logged once the instance took it
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  lines(dataDir.resolve("node.log")).stream().filter(this::isOrders).count() > 20);
    }

    List<JsonNode> lines = lines(dataDir.resolve("node.log"));
    List<JsonNode> order = lines.stream().filter(this::isOrders).toList();
    for (JsonNode line : order) {
      assertThat(line.path("correlationId").asText()).as("%s", line).isEqualTo(CORRELATION);
      assertThat(line.path("instanceId").asText()).as("%s", line).isEqualTo(ORDER);
      assertThat(line.path("workflowType").asText()).as("%s", line).isEqualTo("order");
    }
    // the order's requests, actions, effects and outcomes are all among them
    assertThat(messagesOf(order, "io.onex.engine.gateway.access"))
        .filteredOn(message -> message.startsWith("POST "))
        .hasSize(3);
    assertThat(messagesOf(order, "io.onex.engine.persistence.internal.WorkflowInstanceBehavior"))
        .filteredOn(message -> message.contains("accepted as event"))
        .hasSize(6);
    assertThat(messagesOf(order, "io.onex.engine.effects.internal.ExecutorBehavior"))
        .anyMatch(message -> message.contains("(http:inventory) started"))
        .anyMatch(message -> message.contains("(http:shipping) succeeded"))
        .anyMatch(message -> message.contains("was taken by its instance"));
    JsonNode access =
        order.stream().filter(line -> line.path("httpRoute").isTextual()).findFirst().orElseThrow();
    assertThat(access.path("httpMethod").asText()).isEqualTo("POST");
    assertThat(access.path("principal").asText()).isEqualTo("anonymous");
    assertThat(access.has("durationMs")).isTrue();
    // no payload at INFO
    assertThat(lines)
        .filteredOn(line -> line.path("level").asText().equals("INFO"))
        .noneMatch(line -> line.toString().contains("secret-sku"));
  }

  /** Whether {@code line} is about the order: by its instance id field or its message. */
  private boolean isOrders(JsonNode line) {
    return line.path("instanceId").asText().equals(ORDER)
        || line.path("message").asText().contains(ORDER)
        || line.path("correlationId").asText().equals(CORRELATION);
  }

  private static List<String> messagesOf(List<JsonNode> lines, String logger) {
    return lines.stream()
        .filter(line -> line.path("logger_name").asText().equals(logger))
        .map(line -> line.path("message").asText())
        .toList();
  }

  /** Every line of the log, each of which must be a JSON object. */
  private static List<JsonNode> lines(Path log) {
    try {
      return Files.readAllLines(log).stream()
          .filter(line -> !line.isBlank())
          .map(
              line -> {
                try {
                  JsonNode parsed = EngineJson.mapper().readTree(line);
                  assertThat(parsed.isObject()).as("a JSON object: %s", line).isTrue();
                  return parsed;
                } catch (IOException e) {
                  throw new AssertionError("not a JSON line: " + line, e);
                }
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int send(String url, String body) throws Exception {
    return client
        .send(
            request(url).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .header("X-Correlation-Id", CORRELATION);
  }
}
