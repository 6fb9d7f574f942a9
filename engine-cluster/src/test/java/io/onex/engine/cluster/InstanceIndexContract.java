package io.onex.engine.cluster;

import static io.onex.engine.cluster.testing.Stages.await;
import static io.onex.engine.cluster.testing.Stages.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.testing.SingleNode;
import io.onex.engine.cluster.testing.TicketWorkflow;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceCounts;
import io.onex.engine.core.client.InstancePage;
import io.onex.engine.core.client.InstanceQuery;
import io.onex.engine.core.client.InstanceSummary;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.client.WorkflowClient;
import io.onex.engine.core.error.UnknownWorkflowTypeException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The instance index as the Java client reads it: 1,000 instances of two types in every status,
 * listed with every filter a page at a time, must come back exactly as the model says, in order,
 * with no instance twice and none missing across pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InstanceIndexContract {

  private static final int INSTANCES = 1_000;
  private static final int PAGE = 37;
  private static final int MAX_PAGE = 400;
  private static final String TICKET = "ticket";
  private static final String CASE = "case";
  private static final Comparator<InstanceSummary> NEWEST_FIRST =
      Comparator.comparing(InstanceSummary::startedAt)
          .thenComparing(InstanceSummary::type)
          .thenComparing(InstanceSummary::instanceId)
          .reversed();

  /** What the test did to one instance, and so what the index must say of it. */
  private record Expected(
      String type, String id, String customer, InstanceStatus status, long lastSequence) {

    int version() {
      return type.equals(CASE) ? 2 : 1;
    }
  }

  private Path dataDir;
  private WorkflowEngine engine;
  private WorkflowClient client;
  private final Map<String, Expected> model = new LinkedHashMap<>();
  private List<InstanceSummary> everything;

  /** The journal's settings, over the defaults (the embedded H2 journal in the data directory). */
  abstract Map<String, Object> journal();

  @BeforeAll
  void startAndFill() throws IOException {
    dataDir = Files.createTempDirectory("onex-index-test");
    Map<String, Object> settings = new HashMap<>(journal());
    settings.put("onex.index.max-page-size", MAX_PAGE);
    engine =
        SingleNode.onH2(
            dataDir,
            ConfigFactory.parseMap(settings),
            TicketWorkflow.definition(TICKET, 1),
            TicketWorkflow.definition(CASE, 2));
    client = engine.client();
    Semaphore inFlight = new Semaphore(32);
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      String type = i % 2 == 0 ? TICKET : CASE;
      String id = String.format("t-%04d", i);
      String customer = "cust-" + (i % 7);
      InstanceStatus status = InstanceStatus.values()[(i / 2) % 5];
      List<String> actions =
          switch (status) {
            case RUNNING -> List.of("Open");
            case COMPLETED -> List.of("Open", "Close");
            case FAILED -> List.of("Reject");
            case CANCELLED -> List.of("Drop");
            default -> List.of();
          };
      model.put(type + "|" + id, new Expected(type, id, customer, status, 1 + actions.size()));
      inFlight.acquireUninterruptibly();
      CompletionStage<?> done =
          client.start(type, StartRequest.of(id, Map.of("customer", customer)));
      for (String action : actions) {
        done = done.thenCompose(previous -> client.send(type, id, ActionRequest.of(action, null)));
      }
      all.add(done.toCompletableFuture().whenComplete((value, error) -> inFlight.release()));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              List<InstanceSummary> listed = collect(InstanceQuery.all().withPageSize(1000));
              return listed.size() == INSTANCES
                  && listed.stream()
                      .allMatch(
                          row ->
                              row.lastSequence()
                                  == model.get(row.type() + "|" + row.instanceId()).lastSequence());
            });
    everything = collect(InstanceQuery.all().withPageSize(1000));
  }

  @AfterAll
  void stop() throws IOException {
    engine.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  /** Every page of {@code query}, checking that no page is larger than asked. */
  private List<InstanceSummary> collect(InstanceQuery query) {
    List<InstanceSummary> rows = new ArrayList<>();
    InstanceQuery next = query;
    while (true) {
      InstancePage page = await(client.list(next));
      if (query.pageSize() > 0) {
        assertThat(page.instances().size()).isLessThanOrEqualTo(query.pageSize());
      }
      rows.addAll(page.instances());
      if (page.nextPageToken() == null) {
        return rows;
      }
      assertThat(page.instances()).isNotEmpty();
      next = next.withPageToken(page.nextPageToken());
    }
  }

  private void assertListed(InstanceQuery query, Predicate<InstanceSummary> expected) {
    List<InstanceSummary> listed = collect(query.withPageSize(PAGE));
    List<InstanceSummary> wanted =
        everything.stream().filter(expected).sorted(NEWEST_FIRST).toList();
    assertThat(listed).as("instances of %s", query).isEqualTo(wanted);
    assertThat(new HashSet<>(listed)).hasSameSizeAs(listed);
  }

  @Test
  void shouldIndexEveryInstanceExactlyAsItsEventsLeftIt() {
    assertThat(everything).hasSize(INSTANCES).isSortedAccordingTo(NEWEST_FIRST);
    for (InstanceSummary row : everything) {
      Expected expected = model.get(row.type() + "|" + row.instanceId());
      assertThat(row.status()).isEqualTo(expected.status());
      assertThat(row.version()).isEqualTo(expected.version());
      assertThat(row.lastSequence()).isEqualTo(expected.lastSequence());
      assertThat(row.searchAttributes())
          .containsExactly(Map.entry("customer", expected.customer()));
      assertThat(row.pendingIntents()).isZero();
      assertThat(row.correlationId()).isNotBlank();
      assertThat(row.updatedAt()).isAfterOrEqualTo(row.startedAt());
      assertThat(row.failureReason())
          .isEqualTo(
              switch (expected.status()) {
                case FAILED -> "rejected";
                case CANCELLED -> "dropped";
                default -> null;
              });
    }
  }

  @Test
  void shouldListEveryFilterAPageAtATimeWithNoInstanceRepeatedOrMissing() {
    assertListed(InstanceQuery.all(), row -> true);
    assertListed(InstanceQuery.ofType(TICKET), row -> row.type().equals(TICKET));
    assertListed(InstanceQuery.ofType(CASE), row -> row.type().equals(CASE));
    for (InstanceStatus status : List.of(InstanceStatus.values()).subList(0, 5)) {
      assertListed(InstanceQuery.all().withStatus(status), row -> row.status() == status);
      assertListed(
          InstanceQuery.ofType(CASE).withStatus(status),
          row -> row.type().equals(CASE) && row.status() == status);
    }
    assertListed(
        InstanceQuery.all().withStatus(InstanceStatus.FAILED, InstanceStatus.CANCELLED),
        row -> row.status() == InstanceStatus.FAILED || row.status() == InstanceStatus.CANCELLED);
    assertListed(InstanceQuery.all().withVersion(2), row -> row.type().equals(CASE));
    assertListed(InstanceQuery.ofType(TICKET).withVersion(2), row -> false);
    assertListed(
        InstanceQuery.all().withAttribute("customer", "cust-3"),
        row -> row.searchAttributes().get("customer").equals("cust-3"));
    assertListed(
        InstanceQuery.ofType(TICKET)
            .withStatus(InstanceStatus.RUNNING)
            .withAttribute("customer", "cust-5"),
        row ->
            row.type().equals(TICKET)
                && row.status() == InstanceStatus.RUNNING
                && row.searchAttributes().get("customer").equals("cust-5"));
    assertListed(InstanceQuery.all().withAttribute("customer", "nobody"), row -> false);
    Instant middleStart = everything.get(INSTANCES / 2).startedAt();
    assertListed(
        InstanceQuery.all().withStartedAfter(middleStart),
        row -> row.startedAt().isAfter(middleStart));
    Instant middleUpdate =
        everything.stream().map(InstanceSummary::updatedAt).sorted().toList().get(INSTANCES / 2);
    assertListed(
        InstanceQuery.ofType(CASE).withUpdatedBefore(middleUpdate),
        row -> row.type().equals(CASE) && row.updatedAt().isBefore(middleUpdate));
  }

  @Test
  void shouldCountEachTypesInstancesPerVersionAndStatus() {
    InstanceCounts tickets = await(client.counts(TICKET));
    Map<InstanceStatus, Long> expected = new EnumMap<>(InstanceStatus.class);
    model.values().stream()
        .filter(instance -> instance.type().equals(TICKET))
        .forEach(instance -> expected.merge(instance.status(), 1L, Long::sum));
    assertThat(tickets.total()).isEqualTo(INSTANCES / 2);
    assertThat(tickets.byVersion()).containsExactly(Map.entry(1, (long) INSTANCES / 2));
    assertThat(tickets.byStatus()).isEqualTo(expected);
    assertThat(await(client.counts(CASE)).byVersion())
        .containsExactly(Map.entry(2, (long) INSTANCES / 2));
  }

  @Test
  void shouldRefuseABadQueryByName() {
    assertThat(failureOf(client.list(InstanceQuery.all().withPageToken("not-a-token"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pageToken");
    assertThat(failureOf(client.list(InstanceQuery.ofType("no-such-type"))))
        .isInstanceOf(UnknownWorkflowTypeException.class);
    assertThat(failureOf(client.counts("no-such-type")))
        .isInstanceOf(UnknownWorkflowTypeException.class);
  }

  @Test
  void shouldLowerAPageSizeAboveTheMaximumToIt() {
    InstancePage page = await(client.list(InstanceQuery.all().withPageSize(5_000)));
    assertThat(page.instances()).isEqualTo(everything.subList(0, MAX_PAGE));
    assertThat(page.nextPageToken()).isNotNull();
    assertThat(await(client.list(InstanceQuery.all())).instances())
        .as("the default page size")
        .hasSize(100);
  }
}
