package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.GatewayNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal outage costs only its own length: under a steady load of actions the journal database
 * goes away for a few seconds and comes back. Meanwhile starts and actions fail fast with 503
 * naming the journal; seconds after it returns every instance answers and accepts actions again, by
 * itself; and no acknowledged action is lost or applied twice. On H2 served over TCP and on
 * PostgreSQL.
 */
class JournalOutageTest {

  private static final int INSTANCES = 8;
  private static final String COUNTERS = "/v1/workflows/counter/instances/";

  @TempDir Path dir;

  /** A database that can be stopped and started again on the same port and files. */
  private interface Database {
    Map<String, Object> journal();

    void stop();

    void start();
  }

  @Test
  void shouldSurviveAnOutageOfAnH2JournalServedOverTcp() {
    survive(new H2OverTcp(dir.resolve("h2"), freePort()));
  }

  @Test
  void shouldSurviveAnOutageOfAPostgresJournal() {
    survive(new Postgres(dir.resolve("pg"), freePort()));
  }

  private void survive(Database database) {
    database.start();
    try (GatewayNode node = GatewayNode.start(database.journal())) {
      for (int i = 0; i < INSTANCES; i++) {
        assertThat(
                node.post(
                        "/v1/workflows/counter/instances",
                        "{\"instanceId\":\"c-" + i + "\",\"input\":{\"initial\":0}}")
                    .status())
            .isEqualTo(201);
      }
      Load load = new Load(node);
      load.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> load.acknowledged.size() >= 20);

      // when the journal goes away
      database.stop();

      // then actions fail fast, as 503 problems naming the journal
      await().atMost(Duration.ofSeconds(10)).until(() -> load.journalRefusals.get() > 0);
      long started = System.nanoTime();
      Response refused = node.post(COUNTERS + "c-0/actions", increment("during-outage"));
      Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.contentType()).isEqualTo("application/problem+json");
      assertThat(refused.body().get("reason").asText()).isEqualTo("journal-unreachable");
      assertThat(refused.body().get("detail").asText()).contains("journal database");
      assertThat(answeredIn).isLessThan(Duration.ofSeconds(3));
      await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);

      // and when it comes back, every instance answers and accepts actions within seconds
      database.start();
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  IntStream.range(0, INSTANCES)
                      .allMatch(
                          i ->
                              node.post(COUNTERS + "c-" + i + "/actions", increment("after-" + i))
                                      .status()
                                  == 200));
      load.stop();
      assertThat(node.get("/health").text("status")).isEqualTo("UP");

      // and every acknowledged action is in its history exactly once
      assertThat(load.acknowledged).hasSizeGreaterThan(20);
      for (int i = 0; i < INSTANCES; i++) {
        List<String> keys =
            node.get(COUNTERS + "c-" + i + "/history?limit=1000")
                .body()
                .get("events")
                .findValuesAsText("idempotencyKey");
        for (Map.Entry<String, String> ack : load.acknowledged.entrySet()) {
          if (ack.getValue().equals("c-" + i)) {
            assertThat(keys).as("events of %s", ack.getKey()).containsOnlyOnce(ack.getKey());
          }
        }
      }
    } finally {
      database.stop();
    }
  }

  private static String increment(String key) {
    return "{\"type\":\"Increment\",\"idempotencyKey\":\"" + key + "\",\"payload\":{\"by\":1}}";
  }

  /** One client sending actions to the instances in turn, each under a key of its own. */
  private static final class Load {
    private final GatewayNode node;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger journalRefusals = new AtomicInteger();
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private Thread thread;

    Load(GatewayNode node) {
      this.node = node;
    }

    void start() {
      thread =
          new Thread(
              () -> {
                for (int n = 0; running.get(); n++) {
                  String instance = "c-" + (n % INSTANCES);
                  String key = "load-" + n;
                  Response answer = node.post(COUNTERS + instance + "/actions", increment(key));
                  statuses.add(answer.status());
                  if (answer.status() == 200) {
                    acknowledged.put(key, instance);
                  } else if (answer.status() == 503
                      && "journal-unreachable".equals(answer.body().path("reason").asText())) {
                    journalRefusals.incrementAndGet();
                  }
                }
              },
              "outage-load");
      thread.start();
    }

    void stop() {
      running.set(false);
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An H2 database served over TCP, as {@code journal-server} serves it. */
  private static final class H2OverTcp implements Database {
    private final Path directory;
    private final int port;
    private Server server;
    private Connection holder;

    H2OverTcp(Path directory, int port) {
      this.directory = directory;
      this.port = port;
    }

    private String url() {
      return "jdbc:h2:tcp://127.0.0.1:" + port + "/onex";
    }

    @Override
    public Map<String, Object> journal() {
      return Map.of("onex.journal.url", url(), "onex.journal.user", "sa");
    }

    @Override
    public void start() {
      try {
        server =
            Server.createTcpServer(
                    "-tcpPort",
                    String.valueOf(port),
                    "-baseDir",
                    directory.toAbsolutePath().toString(),
                    "-ifNotExists")
                .start();
        holder = DriverManager.getConnection(url() + ";WRITE_DELAY=0", "sa", "");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void stop() {
      if (server != null) {
        try {
          holder.close();
        } catch (SQLException ignored) {
          // the server goes next
        }
        server.stop();
        server = null;
      }
    }
  }

  /** An embedded PostgreSQL server on fixed files and port, with synchronous commits. */
  private static final class Postgres implements Database {
    private final Path directory;
    private final int port;
    private EmbeddedPostgres server;

    Postgres(Path directory, int port) {
      this.directory = directory;
      this.port = port;
    }

    @Override
    public Map<String, Object> journal() {
      return Map.of(
          "onex.journal.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
          "onex.journal.user", "postgres",
          "onex.journal.password", "postgres");
    }

    @Override
    public void start() {
      try {
        server =
            EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("synchronous_commit", "on")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void stop() {
      if (server != null) {
        try {
          server.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        server = null;
      }
    }
  }
}
