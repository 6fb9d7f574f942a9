package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.gateway.testing.GatewayNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the HTTP layer refuses before any route runs are answered with problem+json too, as a
 * raw client that sends them sees it.
 */
class UnparseableRequestTest {

  @TempDir static Path dataDir;
  private static GatewayNode node;

  @BeforeAll
  static void startNode() {
    node = GatewayNode.start(Map.of("onex.data-dir", dataDir.toString()));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void shouldAnswer414AsAProblemForAUriTooLong() throws IOException {
    String answer =
        exchange("GET /v1/workflows/" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    expectProblem(answer, 414);
  }

  @Test
  void shouldAnswer431AsAProblemForHeadersTooLarge() throws IOException {
    String answer =
        exchange("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n");

    expectProblem(answer, 431);
  }

  @Test
  void shouldAnswer400AsAProblemForAMalformedRequestLine() throws IOException {
    String answer = exchange("GET /he<>alth HTTP/1.1\r\nHost: x\r\n\r\n");

    expectProblem(answer, 400);
  }

  @Test
  void shouldAnswer501AsAProblemForAMethodHttpDoesNotKnow() throws IOException {
    String answer = exchange("NOT AN HTTP REQUEST\r\n\r\n");

    expectProblem(answer, 501);
  }

  private static void expectProblem(String answer, int status) {
    assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
    String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
    assertThat(head.toLowerCase()).contains("content-type: application/problem+json");
    JsonNode problem = EngineJson.parse(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("type").asText()).startsWith("https://onex.io/problems/");
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).isNotBlank();
  }

  /** Sends {@code request} as raw bytes and reads the whole answer until the server closes. */
  private static String exchange(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
