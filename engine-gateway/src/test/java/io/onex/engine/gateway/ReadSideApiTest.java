package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.gateway.testing.GatewayNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side over HTTP: lists from the instance index with their filters and paging, counts per
 * status, bad filters answered 400 naming them, and event streams as Server-Sent Events.
 */
class ReadSideApiTest {

  private static final String COUNTERS = "/v1/workflows/counter/instances";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  private static GatewayNode node;

  @BeforeAll
  static void startNode() {
    node = GatewayNode.start(Map.of("onex.data-dir", dataDir.toString()));
    start("listed-running");
    act("listed-running", "Increment", "{\"by\":1}");
    start("listed-done");
    act("listed-done", "Finish", "{}");
    start("listed-cancelled");
    act("listed-cancelled", "Abandon", "{\"reason\":\"no longer needed\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> node.get(COUNTERS + "?pageSize=1000").body().get("instances").size() >= 3);
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  private static void start(String id) {
    assertThat(
            node.post(COUNTERS, "{\"instanceId\":\"" + id + "\",\"input\":{\"initial\":0}}")
                .status())
        .isEqualTo(201);
  }

  private static void act(String id, String type, String payload) {
    assertThat(
            node.post(
                    COUNTERS + "/" + id + "/actions",
                    "{\"type\":\"" + type + "\",\"payload\":" + payload + "}")
                .status())
        .isEqualTo(200);
  }

  @Nested
  class Listing {

    @Test
    void shouldListAnInstanceWithItsIndexedFields() {
      Response listed = node.get(COUNTERS + "?status=CANCELLED");

      assertThat(listed.status()).isEqualTo(200);
      assertThat(listed.contentType()).startsWith("application/json");
      JsonNode instances = listed.body().get("instances");
      assertThat(instances).hasSize(1);
      JsonNode cancelled = instances.get(0);
      assertThat(cancelled.get("type").asText()).isEqualTo("counter");
      assertThat(cancelled.get("instanceId").asText()).isEqualTo("listed-cancelled");
      assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
      assertThat(cancelled.get("version").asInt()).isEqualTo(1);
      assertThat(cancelled.get("lastSequence").asLong()).isEqualTo(2);
      assertThat(cancelled.get("failureReason").asText()).isEqualTo("no longer needed");
      assertThat(cancelled.hasNonNull("startedAt")).isTrue();
      assertThat(cancelled.hasNonNull("updatedAt")).isTrue();
      assertThat(listed.body().get("nextPageToken").isNull()).isTrue();
    }

    @Test
    void shouldPageWithTheNextPageToken() {
      String query = "/v1/instances?type=counter&status=RUNNING,COMPLETED&pageSize=1";
      List<String> ids = new ArrayList<>();
      Response page = node.get(query);
      while (true) {
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("instances")).hasSize(1);
        ids.add(page.body().at("/instances/0/instanceId").asText());
        if (page.body().get("nextPageToken").isNull()) {
          break;
        }
        page = node.get(query + "&pageToken=" + page.text("nextPageToken"));
      }

      assertThat(ids).doesNotHaveDuplicates().contains("listed-running", "listed-done");
      assertThat(ids).doesNotContain("listed-cancelled");
    }

    @Test
    void shouldCountInstancesPerStatusInTheWorkflowList() {
      JsonNode counter = node.get("/v1/workflows").body().at("/workflows/0");

      assertThat(counter.get("type").asText()).isEqualTo("counter");
      assertThat(counter.at("/statuses/CANCELLED").asLong()).isGreaterThanOrEqualTo(1);
      assertThat(counter.at("/statuses/COMPLETED").asLong()).isGreaterThanOrEqualTo(1);
      assertThat(counter.get("instances").asLong())
          .isEqualTo(counter.at("/versions/0/instances").asLong());
    }

    @Test
    void shouldAnswerABadFilterWith400NamingIt() {
      assertBadFilter(COUNTERS + "?status=SLEEPING", "status");
      assertBadFilter(COUNTERS + "?version=0", "version");
      assertBadFilter(COUNTERS + "?pageSize=many", "pageSize");
      assertBadFilter(COUNTERS + "?pageToken=garbage", "pageToken");
      assertBadFilter(COUNTERS + "?startedAfter=yesterday", "startedAfter");
      assertBadFilter(COUNTERS + "?updatedBefore=2030-13-01", "updatedBefore");
      assertBadFilter(COUNTERS + "?attr.1x=a", "attr.1x");
      assertBadFilter(COUNTERS + "?colour=red", "colour");
      assertBadFilter("/v1/instances?type=bad%20type", "type");
      assertThat(node.get("/v1/workflows/no-such-type/instances").status()).isEqualTo(404);
    }

    private void assertBadFilter(String path, String field) {
      Response response = node.get(path);
      assertThat(response.status()).as(path).isEqualTo(400);
      assertThat(response.contentType()).isEqualTo("application/problem+json");
      assertThat(response.text("field")).as(path).isEqualTo(field);
    }
  }

  @Nested
  class Streaming {

    @Test
    void shouldStreamAnInstanceStartedMidFlowWithEveryEventOnceInOrder() throws Exception {
      // given: an instance with two events already journaled
      start("streamed");
      act("streamed", "Increment", "{\"by\":1}");
      Sse stream = Sse.open(COUNTERS + "/streamed/events?fromSeq=1", null);

      // when: more events, the last of which ends it
      act("streamed", "Increment", "{\"by\":2}");
      act("streamed", "Increment", "{\"by\":3}");
      act("streamed", "Finish", "{}");

      // then: every event once, in order, and the stream ends with the instance
      List<JsonNode> events = stream.untilEnd();
      assertThat(events)
          .extracting(e -> e.get("sequence").asLong())
          .containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(stream.ids()).containsExactly("1", "2", "3", "4", "5");
      assertThat(events.get(4).get("status").asText()).isEqualTo("COMPLETED");
      assertThat(events).allMatch(e -> e.get("instanceId").asText().equals("streamed"));
    }

    @Test
    void shouldResumeAfterTheLastEventId() throws Exception {
      start("resumed");
      act("resumed", "Increment", "{\"by\":1}");
      act("resumed", "Finish", "{}");

      List<JsonNode> events = Sse.open(COUNTERS + "/resumed/events", "1").untilEnd();

      assertThat(events).extracting(e -> e.get("sequence").asLong()).containsExactly(2L, 3L);
    }

    @Test
    void shouldStreamNewEventsOfEveryInstanceOfAType() throws Exception {
      Sse stream = Sse.open("/v1/workflows/counter/events", null);
      Thread.sleep(500);
      start("typed-1");
      start("typed-2");
      act("typed-1", "Increment", "{\"by\":1}");
      act("typed-2", "Finish", "{}");

      List<JsonNode> events = stream.take(4);
      stream.close();

      assertThat(events)
          .extracting(e -> e.get("instanceId").asText() + "#" + e.get("sequence").asLong())
          .containsExactlyInAnyOrder("typed-1#1", "typed-2#1", "typed-1#2", "typed-2#2");
      assertThat(events.stream().filter(e -> e.get("instanceId").asText().equals("typed-1")))
          .extracting(e -> e.get("sequence").asLong())
          .containsExactly(1L, 2L);
      List<Long> offsets = stream.ids().stream().map(Long::parseLong).toList();
      assertThat(offsets).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldAnswer404ForTheEventsOfAnUnknownInstance() {
      Response response = node.get(COUNTERS + "/never-started/events");

      assertThat(response.status()).isEqualTo(404);
      assertThat(response.contentType()).isEqualTo("application/problem+json");
    }
  }

  /** A Server-Sent Events client: collects each event's data (as JSON) and id. */
  private static final class Sse implements AutoCloseable {
    private final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final List<String> ids = new ArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private static final Object END = new Object();

    private Sse(String path, String lastEventId) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(node.base() + path))
              .header("Accept", "text/event-stream");
      if (lastEventId != null) {
        request.header("Last-Event-ID", lastEventId);
      }
      response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
      response.thenAccept(
          answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            Thread reader =
                new Thread(
                    () -> {
                      try (Stream<String> lines = answer.body()) {
                        lines.forEach(received::add);
                      } catch (RuntimeException closed) {
                        // the test closed the stream
                      }
                      received.add(END);
                    });
            reader.setDaemon(true);
            reader.start();
          });
    }

    static Sse open(String path, String lastEventId) throws Exception {
      Sse sse = new Sse(path, lastEventId);
      assertThat(sse.response.get(10, TimeUnit.SECONDS).headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
      return sse;
    }

    /** Events until the server ends the stream. */
    List<JsonNode> untilEnd() throws Exception {
      return read(Integer.MAX_VALUE);
    }

    /** The next {@code count} events. */
    List<JsonNode> take(int count) throws Exception {
      return read(count);
    }

    private List<JsonNode> read(int count) throws Exception {
      List<JsonNode> events = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (events.size() < count) {
        Object line =
            received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertThat(line).as("an event or the end of the stream within 20 s").isNotNull();
        if (line == END) {
          assertThat(count).as("the stream ended early").isEqualTo(Integer.MAX_VALUE);
          return events;
        }
        String text = (String) line;
        if (text.startsWith("data:")) {
          events.add(EngineJson.mapper().readTree(text.substring(5)));
        } else if (text.startsWith("id:")) {
          ids.add(text.substring(3).trim());
        }
      }
      return events;
    }

    List<String> ids() {
      return ids;
    }

    @Override
    public void close() {
      response.thenAccept(answer -> answer.body().close());
    }
  }
}
