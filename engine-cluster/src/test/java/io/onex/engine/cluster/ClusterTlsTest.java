package io.onex.engine.cluster;

import static io.onex.engine.cluster.testing.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.engine.cluster.testing.TestCluster;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.TestKeystores;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes configured with {@code onex.cluster.tls} talk over Artery TLS with mutual authentication:
 * they form a cluster and serve each other's instances; a node without the certificate cannot join.
 */
class ClusterTlsTest {

  private static final String PASSWORD = "cluster-ks-7290";

  @TempDir Path dir;

  @Test
  void nodesWithTheCertificateFormAClusterOverTlsAndOthersCannotJoin() {
    Path keystore = TestKeystores.selfSigned(dir.resolve("cluster.p12"), PASSWORD);
    Path stranger = TestKeystores.selfSigned(dir.resolve("stranger.p12"), PASSWORD);
    Map<String, Object> tls =
        Map.of(
            "onex.cluster.tls.keystore",
            keystore.toString(),
            "onex.cluster.tls.keystore-password",
            PASSWORD);
    try (TestCluster cluster =
        new TestCluster(
            config -> WorkflowEngine.builder(config).workflow(CounterWorkflow.definition()))) {
      WorkflowEngine first = cluster.startNode(tls);
      WorkflowEngine second = cluster.startNode(tls);
      cluster.awaitMembers(2);

      assertThat(first.system().settings().config().getString("pekko.remote.artery.transport"))
          .isEqualTo("tls-tcp");
      for (int i = 0; i < 6; i++) {
        await(
            first
                .client()
                .start(CounterWorkflow.TYPE, StartRequest.of("tls-" + i, Map.of("initial", i))));
      }
      for (int i = 0; i < 6; i++) {
        assertThat(await(second.client().get(CounterWorkflow.TYPE, "tls-" + i)).sequence())
            .isEqualTo(1);
      }
      assertThatThrownBy(
              () ->
                  cluster.startNode(
                      Map.of(
                          "onex.cluster.tls.keystore",
                          stranger.toString(),
                          "onex.cluster.tls.keystore-password",
                          PASSWORD,
                          "onex.engine.start-timeout",
                          "8s")))
          .as("a node whose certificate the cluster does not trust")
          .isInstanceOf(RuntimeException.class);
      assertThat(Cluster.get(first.system()).state().getMembers()).hasSize(2);
    }
  }
}
