package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Secrets referenced from configuration ({@code "${secret:name}"}, here from files) are used where
 * they are referenced and appear in no HTTP answer and no log line of a node that runs an order,
 * answers every read route and refuses bad requests; an operator's key runs the order.
 */
class SecretsLeakTest {

  private static final String JOURNAL_PASSWORD = "jp-Secret-7781";
  private static final String OPS_KEY = "ok-Secret-5512";
  private static final String PERMISSIONS_PASSWORD = "pp-Secret-3390";
  private static final List<String> SECRETS =
      List.of(JOURNAL_PASSWORD, OPS_KEY, PERMISSIONS_PASSWORD);

  @TempDir Path dataDir;
  @TempDir Path secretsDir;

  private final List<String> answers = new ArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void noSecretAppearsInAnyAnswerOrLogLine() throws Exception {
    Files.writeString(secretsDir.resolve("journal-password"), JOURNAL_PASSWORD + "\n");
    Files.writeString(secretsDir.resolve("ops-key"), OPS_KEY);
    Files.writeString(secretsDir.resolve("permissions-password"), PERMISSIONS_PASSWORD);
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setLevel(Level.INFO);
    try (TestNode node =
        TestNode.start(
            Map.of(
                "onex.data-dir",
                dataDir.toString(),
                "onex.secrets.file.dir",
                secretsDir.toString(),
                "onex.journal.password",
                "${secret:journal-password}",
                // its own database: the JVM's shared one was created without a password
                "onex.handlers.jdbc.datasources.permissions.url",
                "jdbc:h2:mem:permissions-secret;DB_CLOSE_DELAY=-1",
                "onex.handlers.jdbc.datasources.permissions.password",
                "${secret:permissions-password}",
                "onex.auth.enabled",
                true,
                "onex.auth.api-keys",
                List.of("${secret:ops-key}:operator:ops")))) {
      String base = "http://127.0.0.1:" + node.node().port();
      runAnOrder(base);
      for (String path :
          List.of(
              "/v1/workflows",
              "/v1/workflows/order/instances",
              "/v1/workflows/order/instances/leak-1",
              "/v1/workflows/order/instances/leak-1/history",
              "/v1/instances",
              "/v1/handlers",
              "/v1/leases",
              "/v1/nodes",
              "/v1/cluster",
              "/health",
              "/health/ready",
              "/metrics",
              "/v1/workflows/order/instances/missing")) {
        call("GET", base + path, null, OPS_KEY);
      }
      call("GET", base + "/v1/workflows", null, OPS_KEY + "-wrong");
      call("POST", base + "/v1/workflows/order/instances", "{not json", OPS_KEY);
      call("POST", base + "/v1/workflows/order/instances", "{\"input\":{}}", OPS_KEY);
    } finally {
      root.detachAppender(logs);
      root.setLevel(before);
    }

    assertThat(answers).hasSizeGreaterThan(15);
    for (String secret : SECRETS) {
      assertThat(answers).noneMatch(answer -> answer.contains(secret));
    }
    assertThat(logs.list).hasSizeGreaterThan(10);
    for (ILoggingEvent event : logs.list) {
      String line =
          event.getFormattedMessage()
              + event.getMDCPropertyMap()
              + (event.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      for (String secret : SECRETS) {
        assertThat(line).as("a line of %s", event.getLoggerName()).doesNotContain(secret);
      }
    }
    // the journal was really created with the secret as its password
    String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("journal");
    try (var connection = DriverManager.getConnection(url, "sa", JOURNAL_PASSWORD)) {
      assertThat(connection.isValid(1)).isTrue();
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DriverManager.getConnection(url, "sa", "").close())
        .isInstanceOf(SQLException.class);
  }

  private void runAnOrder(String base) throws Exception {
    String orders = base + "/v1/workflows/order/instances";
    assertThat(
            call(
                "POST",
                orders,
                "{\"instanceId\":\"leak-1\",\"input\":{\"customerId\":\"alice\"}}",
                OPS_KEY))
        .isEqualTo(201);
    call(
        "POST",
        orders + "/leak-1/actions",
        "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"book\",\"quantity\":1,\"unitPrice\":9}}",
        OPS_KEY);
    assertThat(call("POST", orders + "/leak-1/actions", "{\"type\":\"PlaceOrder\"}", OPS_KEY))
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              call("GET", orders + "/leak-1", null, OPS_KEY);
              return answers.get(answers.size() - 1).contains("\"COMPLETED\"");
            });
  }

  /** Sends a request, keeps its whole answer (status, headers, body) and returns the status. */
  private int call(String method, String url, String body, String key) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("X-API-Key", key)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    answers.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
    return response.statusCode();
  }
}
