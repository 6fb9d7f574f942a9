package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.core.testing.TestPostgres;
import io.onex.engine.gateway.testing.GatewayNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.typed.Cluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Two engine nodes with their gateways, one cluster over one PostgreSQL journal: either gateway
 * serves every instance wherever it is hosted, shows the cluster, and runs the lease manager.
 */
class ClusterGatewayTest {

  private static final List<GatewayNode> nodes = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    Map<String, Object> journal = TestPostgres.newJournal();
    nodes.add(start(journal, null, "api"));
    Address seed = Cluster.get(nodes.get(0).engine().system()).selfMember().address();
    nodes.add(start(journal, seed.host().get() + ":" + seed.port().get(), "api,workers"));
  }

  private static GatewayNode start(Map<String, Object> journal, String seeds, String roles) {
    Map<String, Object> settings = new HashMap<>(journal);
    settings.put("onex.cluster.roles", roles);
    settings.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    if (seeds != null) {
      settings.put("onex.cluster.seed-nodes", seeds);
    }
    return GatewayNode.start(settings);
  }

  @AfterAll
  static void stopCluster() {
    nodes.forEach(GatewayNode::close);
  }

  private static Response call(int node, String method, String path, String body) {
    return nodes.get(node).http().call(method, path, body);
  }

  @Nested
  class Instances {

    @Test
    void shouldServeEveryInstanceFromEitherGatewayWhereverItIsHosted() {
      // given 40 counters started through the first gateway
      for (int i = 0; i < 40; i++) {
        Response started =
            call(
                0,
                "POST",
                "/v1/workflows/counter/instances",
                "{\"instanceId\":\"spread-" + i + "\",\"input\":{\"initial\":" + i + "}}");
        assertThat(started.status()).isEqualTo(201);
      }

      // when the cluster is inspected through the second gateway
      Response cluster = call(1, "GET", "/v1/cluster", null);

      // then both nodes are Up members with their roles and host some of the counters
      assertThat(cluster.status()).isEqualTo(200);
      JsonNode members = cluster.body().get("members");
      assertThat(members).hasSize(2);
      assertThat(members).allSatisfy(m -> assertThat(m.get("status").asText()).isEqualTo("Up"));
      assertThat(members.get(0).get("roles").toString()).contains("api");
      assertThat(cluster.body().get("leader").asText()).startsWith("pekko://onex@");
      JsonNode hosts = cluster.body().at("/shards/counter");
      assertThat(hosts).hasSize(2);
      assertThat(hosts).allSatisfy(h -> assertThat(h.get("instanceCount").asInt()).isPositive());

      // and each gateway answers for every counter, hosted on its node or the other
      for (int i = 0; i < 40; i++) {
        for (int node = 0; node < 2; node++) {
          Response read = call(node, "GET", "/v1/workflows/counter/instances/spread-" + i, null);
          assertThat(read.status()).isEqualTo(200);
          assertThat(read.body().at("/state/value").asInt()).isEqualTo(i);
        }
      }
      Response acted =
          call(
              1,
              "POST",
              "/v1/workflows/counter/instances/spread-7/actions",
              "{\"type\":\"Increment\",\"payload\":{\"by\":5}}");
      assertThat(acted.status()).isEqualTo(200);
      assertThat(
              call(0, "GET", "/v1/workflows/counter/instances/spread-7", null)
                  .body()
                  .at("/state/value")
                  .asInt())
          .isEqualTo(12);
    }
  }

  @Nested
  class Leases {

    @Test
    void shouldGrantRenewListAndReleaseLeasesAndRefuseAnotherOwner() {
      // given
      Response granted =
          call(
              0,
              "POST",
              "/v1/leases",
              "{\"resource\":\"reports/weekly\",\"owner\":\"alice\",\"ttlMs\":60000}");
      String leaseId = granted.text("leaseId");

      // when
      Response conflict =
          call(1, "POST", "/v1/leases", "{\"resource\":\"reports/weekly\",\"owner\":\"bob\"}");
      Response renewed = call(1, "POST", "/v1/leases/" + leaseId + "/renew", "{\"ttlMs\":120000}");
      Response listed = call(1, "GET", "/v1/leases?resource=reports/weekly", null);
      Response released = call(0, "DELETE", "/v1/leases/" + leaseId, null);
      Response releasedAgain = call(1, "DELETE", "/v1/leases/" + leaseId, null);

      // then
      assertThat(granted.status()).isEqualTo(201);
      assertThat(granted.body().get("fencingToken").asLong()).isPositive();
      assertThat(granted.text("owner")).isEqualTo("alice");
      assertThat(conflict.status()).isEqualTo(409);
      assertThat(conflict.contentType()).startsWith("application/problem+json");
      assertThat(conflict.text("type")).endsWith("/lease-conflict");
      assertThat(conflict.text("detail")).contains("'alice' holds it");
      assertThat(renewed.status()).isEqualTo(200);
      assertThat(renewed.text("expiresAt")).isGreaterThan(granted.text("expiresAt"));
      assertThat(listed.body().get("leases")).hasSize(1);
      assertThat(listed.body().at("/leases/0/leaseId").asText()).isEqualTo(leaseId);
      assertThat(released.status()).isEqualTo(204);
      assertThat(releasedAgain.status()).isEqualTo(404);
      assertThat(releasedAgain.text("type")).endsWith("/lease-not-found");
      assertThat(call(0, "GET", "/v1/leases?resource=reports/weekly", null).body().get("leases"))
          .isEmpty();
    }

    @Test
    void shouldRefuseMalformedLeaseRequestsWithProblems() {
      Response noOwner = call(0, "POST", "/v1/leases", "{\"resource\":\"r\"}");
      Response badTtl =
          call(0, "POST", "/v1/leases", "{\"resource\":\"r\",\"owner\":\"o\",\"ttlMs\":0}");
      Response tooLong =
          call(0, "POST", "/v1/leases", "{\"resource\":\"r\",\"owner\":\"o\",\"ttlMs\":999999999}");

      assertThat(noOwner.status()).isEqualTo(400);
      assertThat(noOwner.text("field")).isEqualTo("owner");
      assertThat(badTtl.status()).isEqualTo(400);
      assertThat(badTtl.text("field")).isEqualTo("ttlMs");
      assertThat(tooLong.status()).isEqualTo(400);
      assertThat(tooLong.text("detail")).contains("onex.leases.max-ttl");
    }

    @Test
    void shouldFenceOutAStaleOrchestratorOfASingleWriterInstance() {
      // given orchestrator A holds the lease and started the instance through one gateway
      String resource = "fenced-counter/order-42";
      Response a =
          call(
              0,
              "POST",
              "/v1/leases",
              "{\"resource\":\"" + resource + "\",\"owner\":\"orchestrator-a\"}");
      String lease = ",\"leaseId\":\"" + a.text("leaseId") + "\",\"fencingToken\":";
      Response started =
          call(
              0,
              "POST",
              "/v1/workflows/fenced-counter/instances",
              "{\"instanceId\":\"order-42\",\"input\":{\"initial\":0}"
                  + lease
                  + a.body().get("fencingToken")
                  + "}");
      assertThat(started.status()).isEqualTo(201);
      assertThat(started.body().at("/lease/fencingToken").asLong())
          .isEqualTo(a.body().get("fencingToken").asLong());

      // when A gives the lease up, B takes it and writes, and A writes again
      call(0, "DELETE", "/v1/leases/" + a.text("leaseId"), null);
      Response b =
          call(
              1,
              "POST",
              "/v1/leases",
              "{\"resource\":\"" + resource + "\",\"owner\":\"orchestrator-b\"}");
      Response byB =
          call(
              1,
              "POST",
              "/v1/workflows/fenced-counter/instances/order-42/actions",
              "{\"type\":\"Increment\",\"payload\":{\"by\":2},\"leaseId\":\""
                  + b.text("leaseId")
                  + "\",\"fencingToken\":"
                  + b.body().get("fencingToken")
                  + "}");
      Response byA =
          call(
              0,
              "POST",
              "/v1/workflows/fenced-counter/instances/order-42/actions",
              "{\"type\":\"Increment\",\"payload\":{\"by\":1}"
                  + lease
                  + a.body().get("fencingToken")
                  + "}");
      Response withoutLease =
          call(
              0,
              "POST",
              "/v1/workflows/fenced-counter/instances/order-42/actions",
              "{\"type\":\"Increment\",\"payload\":{\"by\":1}}");

      // then B's write is in, A and a writer without a lease are refused, nothing else changed
      assertThat(b.body().get("fencingToken").asLong())
          .isGreaterThan(a.body().get("fencingToken").asLong());
      assertThat(byB.status()).isEqualTo(200);
      assertThat(byA.status()).isEqualTo(409);
      assertThat(byA.contentType()).startsWith("application/problem+json");
      assertThat(byA.text("type")).endsWith("/stale-lease");
      assertThat(byA.text("reason")).isEqualTo("superseded");
      assertThat(withoutLease.status()).isEqualTo(409);
      assertThat(withoutLease.text("type")).endsWith("/lease-required");
      Response now = call(1, "GET", "/v1/workflows/fenced-counter/instances/order-42", null);
      assertThat(now.body().at("/state/value").asInt()).isEqualTo(2);
      assertThat(now.body().get("sequence").asLong()).isEqualTo(2);
    }
  }

  @Nested
  class Nodes {

    @Test
    void shouldListEveryNodeAsAGatewayAndFilterByTypeGroupEnvironmentAndHealth() {
      // given both nodes registered themselves and advertised their gateways
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> call(0, "GET", "/v1/nodes?type=gateway", null).body().get("nodes").size() == 2);

      // when
      Response all = call(1, "GET", "/v1/nodes", null);

      // then
      assertThat(all.status()).isEqualTo(200);
      JsonNode first = all.body().at("/nodes/0");
      assertThat(first.get("type").asText()).isEqualTo("GATEWAY");
      assertThat(first.get("environment").asText()).isEqualTo("dev");
      assertThat(first.get("group").asText()).isEqualTo("default");
      assertThat(first.get("health").asText()).isEqualTo("HEALTHY");
      assertThat(first.get("capabilities").toString())
          .contains("workflow:counter", "workflow:fenced-counter", "handler:http");
      assertThat(all.body().get("nodes"))
          .extracting(node -> node.get("endpoint").asText())
          .containsExactlyInAnyOrder(
              "http://127.0.0.1:" + nodes.get(0).port(), "http://127.0.0.1:" + nodes.get(1).port());
      assertThat(call(0, "GET", "/v1/nodes?type=REDUCER", null).body().get("nodes")).isEmpty();
      assertThat(call(0, "GET", "/v1/nodes?group=eu-west", null).body().get("nodes")).isEmpty();
      assertThat(call(0, "GET", "/v1/nodes?environment=prod", null).body().get("nodes")).isEmpty();
      assertThat(
              call(0, "GET", "/v1/nodes?environment=dev&group=default&health=healthy", null)
                  .body()
                  .get("nodes"))
          .hasSize(2);
      Response one = call(0, "GET", "/v1/nodes/" + first.get("nodeId").asText(), null);
      assertThat(one.status()).isEqualTo(200);
      assertThat(one.text("address")).startsWith("pekko://onex@127.0.0.1:");
    }

    @Test
    void shouldRefuseAnUnknownTypeAndAnswer404ForAnUnknownNode() {
      Response badType = call(0, "GET", "/v1/nodes?type=mainframe", null);
      Response unknown = call(0, "GET", "/v1/nodes/no-such-node", null);

      assertThat(badType.status()).isEqualTo(400);
      assertThat(badType.contentType()).startsWith("application/problem+json");
      assertThat(badType.text("field")).isEqualTo("type");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.text("type")).endsWith("/node-not-found");
    }
  }
}
