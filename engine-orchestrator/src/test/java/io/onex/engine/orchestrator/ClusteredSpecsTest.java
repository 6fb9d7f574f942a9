package io.onex.engine.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Rollout;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.error.SpecConflictException;
import io.onex.engine.core.testing.TestPostgres;
import io.onex.engine.orchestrator.testing.SpecNode;
import io.onex.engine.orchestrator.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs in a two-node cluster over one PostgreSQL journal: registered on one node, they run on the
 * other; rollouts split new instances by id; the catalog survives a restart of the cluster.
 */
class ClusteredSpecsTest {

  @TempDir static Path dataDir;
  static TestServices services;
  static Map<String, Object> journal;
  static SpecNode nodeA;
  static SpecNode nodeB;

  static final String SPEC =
      """
      {"type": "greeting", "version": %d,
       "steps": [{"name": "greet", "handler": "http", "target": "work",
                  "metadata": {"path": "/greet-v%d"}, "input": {"who.$": "/input/who"}}]}
      """;

  static final String WAITING =
      """
      {"type": "rolled", "version": %d,
       "steps": [{"name": "wait", "wait": {"action": "Go"}}]}
      """;

  @BeforeAll
  static void start() {
    services = new TestServices();
    journal = TestPostgres.newJournal();
    nodeA = SpecNode.start(SpecNode.config(dataDir.resolve("a"), services, journal));
    Map<String, Object> joining = new HashMap<>(journal);
    var self = Cluster.get(nodeA.engine().system()).selfMember().address();
    joining.put("onex.cluster.seed-nodes", self.host().get() + ":" + self.port().get());
    nodeB = SpecNode.start(SpecNode.config(dataDir.resolve("b"), services, joining));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                java.util.stream.StreamSupport.stream(
                            Cluster.get(nodeA.engine().system()).state().getMembers().spliterator(),
                            false)
                        .filter(m -> m.status() == MemberStatus.up())
                        .count()
                    == 2);
  }

  @AfterAll
  static void stop() {
    nodeB.close();
    nodeA.close();
    services.close();
  }

  static JsonNode document(String template, int version) {
    return WorkflowSpecs.read(template.formatted(version, version));
  }

  @Test
  void aSpecRegisteredOnOneNodeRunsOnTheOtherAtOnce() {
    var registration =
        nodeA.specs().register("greeting", 1, document(SPEC, 1)).toCompletableFuture().join();
    assertThat(registration.created()).isTrue();
    // the same body again changes nothing; another body under that version is refused
    assertThat(
            nodeB
                .specs()
                .register("greeting", 1, document(SPEC, 1))
                .toCompletableFuture()
                .join()
                .created())
        .isFalse();
    JsonNode other = document(SPEC, 1);
    ((com.fasterxml.jackson.databind.node.ObjectNode) other).put("description", "changed");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> nodeB.specs().register("greeting", 1, other).toCompletableFuture().join())
        .hasRootCauseInstanceOf(SpecConflictException.class);

    // no wait: registration answers once every node has installed the spec
    for (int i = 0; i < 10; i++) {
      nodeB
          .engine()
          .client()
          .start("greeting", StartRequest.of("g-" + i, Map.of("who", "ann")))
          .toCompletableFuture()
          .join();
    }
    for (int i = 0; i < 10; i++) {
      InstanceView done =
          nodeB
              .engine()
              .client()
              .instance("greeting", "g-" + i)
              .awaitEnd(Duration.ofSeconds(20))
              .toCompletableFuture()
              .join();
      assertThat(done.status()).isEqualTo(InstanceStatus.COMPLETED);
    }
    assertThat(services.calls("work/greet-v1")).hasSize(10);
    assertThat(nodeA.engine().registry().find("greeting", 1)).isPresent();
    assertThat(nodeB.specs().spec("greeting", 1)).isPresent();
  }

  @Test
  void aRolloutOfTenPercentStartsAboutATenthOfNewInstancesOnTheNewVersionByTheirId() {
    nodeA.specs().register("rolled", 1, document(WAITING, 1)).toCompletableFuture().join();
    nodeA.specs().register("rolled", 2, document(WAITING, 2)).toCompletableFuture().join();
    nodeB.specs().rollout("rolled", new Rollout(2, 10)).toCompletableFuture().join();

    List<CompletableFuture<InstanceView>> starts = new ArrayList<>();
    int onTwo = 0;
    for (int i = 0; i < 1_000; i++) {
      SpecNode via = i % 2 == 0 ? nodeA : nodeB;
      starts.add(
          via.engine()
              .client()
              .start("rolled", StartRequest.of("r-" + i, Map.of()))
              .toCompletableFuture());
      if (starts.size() == 50) {
        onTwo += countOnTwo(starts);
        starts.clear();
      }
    }
    onTwo += countOnTwo(starts);

    assertThat(onTwo).isBetween(80, 120);
    // stable by id: the same ids land on the same versions on every node
    for (int i = 0; i < 1_000; i += 37) {
      String id = "r-" + i;
      int expected = new Rollout(2, 10).includes(id) ? 2 : 1;
      assertThat(nodeA.engine().registry().forNewInstance("rolled", id).version())
          .isEqualTo(expected);
      assertThat(nodeB.engine().registry().forNewInstance("rolled", id).version())
          .isEqualTo(expected);
      assertThat(
              nodeB
                  .engine()
                  .client()
                  .get("rolled", id)
                  .toCompletableFuture()
                  .join()
                  .definitionVersion())
          .isEqualTo(expected);
    }
  }

  private static int countOnTwo(List<CompletableFuture<InstanceView>> starts) {
    return (int)
        starts.stream()
            .map(CompletableFuture::join)
            .filter(v -> v.definitionVersion() == 2)
            .count();
  }
}
