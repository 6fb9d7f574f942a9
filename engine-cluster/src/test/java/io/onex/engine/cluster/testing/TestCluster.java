package io.onex.engine.cluster.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.cluster.WorkflowEngineBuilder;
import io.onex.engine.core.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.awaitility.Awaitility;

/**
 * Engine nodes of one cluster in one JVM, over one embedded PostgreSQL journal: the first node
 * forms the cluster, the others join it through it as their seed.
 */
public final class TestCluster implements AutoCloseable {

  private final Map<String, Object> journal = TestPostgres.newJournal();
  private final List<WorkflowEngine> nodes = new ArrayList<>();
  private final Function<Config, WorkflowEngineBuilder> describe;

  /** A cluster whose nodes {@code describe} builds from their configuration. */
  public TestCluster(Function<Config, WorkflowEngineBuilder> describe) {
    this.describe = describe;
  }

  /** Starts {@code count} nodes and waits until every one sees all of them Up. */
  public TestCluster start(int count) {
    for (int i = 0; i < count; i++) {
      startNode();
    }
    awaitMembers(count);
    return this;
  }

  /** Starts one more node, joining the cluster through the first node. */
  public WorkflowEngine startNode() {
    return startNode(Map.of());
  }

  /** Starts one more node with {@code extra} settings, joining through the first node. */
  public WorkflowEngine startNode(Map<String, Object> extra) {
    Map<String, Object> settings = new HashMap<>(journal);
    settings.put("onex.cluster.port", 0);
    settings.put("onex.cluster.split-brain-stable-after", "3s");
    settings.put("onex.engine.end-watch-renewal", "1s");
    settings.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    // A crashed node stops without leaving, as a killed process would.
    settings.put("pekko.coordinated-shutdown.run-by-actor-system-terminate", "off");
    if (!nodes.isEmpty()) {
      Address seed = address(nodes.get(0));
      settings.put("onex.cluster.seed-nodes", seed.host().get() + ":" + seed.port().get());
    }
    settings.putAll(extra);
    Config config = ConfigFactory.parseMap(settings).withFallback(ConfigFactory.load()).resolve();
    WorkflowEngine node = describe.apply(config).start();
    nodes.add(node);
    return node;
  }

  public WorkflowEngine node(int index) {
    return nodes.get(index);
  }

  public List<WorkflowEngine> nodes() {
    return List.copyOf(nodes);
  }

  public static Address address(WorkflowEngine node) {
    return Cluster.get(node.system()).selfMember().address();
  }

  /** Waits until every running node sees {@code count} Up members. */
  public void awaitMembers(int count) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                running().stream()
                    .allMatch(
                        node ->
                            countUp(node) == count
                                && Cluster.get(node.system()).state().getUnreachable().isEmpty()));
  }

  private static long countUp(WorkflowEngine node) {
    return java.util.stream.StreamSupport.stream(
            Cluster.get(node.system()).state().getMembers().spliterator(), false)
        .filter(member -> member.status() == MemberStatus.up())
        .count();
  }

  private List<WorkflowEngine> running() {
    return nodes.stream().filter(node -> !node.system().whenTerminated().isCompleted()).toList();
  }

  /** Stops {@code node} abruptly: it does not leave, hand off or say goodbye. */
  public void crash(WorkflowEngine node) {
    node.system().terminate();
    node.system().getWhenTerminated().toCompletableFuture().join();
  }

  @Override
  public void close() {
    running().forEach(node -> node.system().terminate());
    nodes.forEach(node -> node.system().getWhenTerminated().toCompletableFuture().join());
  }
}
