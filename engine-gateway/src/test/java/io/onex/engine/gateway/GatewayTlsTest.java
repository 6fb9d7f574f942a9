package io.onex.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.testing.TestKeystores;
import io.onex.engine.gateway.testing.GatewayNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway over HTTPS with a PKCS12 keystore from configuration. */
class GatewayTlsTest {

  private static final String PASSWORD = "ks-pass-4411";

  @TempDir Path dir;

  @Test
  void servesHttpsOnlyAndAdvertisesAnHttpsEndpoint() throws Exception {
    Path keystore = TestKeystores.selfSigned(dir.resolve("gateway.p12"), PASSWORD);
    try (GatewayNode node =
        GatewayNode.start(
            Map.of(
                "onex.data-dir", dir.resolve("data").toString(),
                "onex.http.tls.keystore", keystore.toString(),
                "onex.http.tls.keystore-password", PASSWORD))) {
      HttpClient trusting =
          HttpClient.newBuilder().sslContext(TestKeystores.trusting(keystore, PASSWORD)).build();
      String https = "https://localhost:" + node.port();

      HttpResponse<String> live = get(trusting, https + "/health/live");
      HttpResponse<String> nodes = get(trusting, https + "/v1/nodes");

      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(nodes.statusCode()).isEqualTo(200);
      assertThat(EngineJson.mapper().readTree(nodes.body()).toString())
          .contains("\"https://127.0.0.1:" + node.port() + "\"");
      assertThatThrownBy(() -> get(HttpClient.newHttpClient(), https + "/health/live"))
          .as("a client that does not trust the certificate")
          .isInstanceOf(IOException.class);
      assertThatThrownBy(
              () -> get(HttpClient.newHttpClient(), "http://127.0.0.1:" + node.port() + "/health"))
          .as("plain HTTP")
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void aKeystoreThatCannotBeOpenedStopsTheStartWithoutShowingThePassword() {
    Path keystore = TestKeystores.selfSigned(dir.resolve("gateway.p12"), PASSWORD);

    assertThatThrownBy(
            () ->
                GatewayNode.start(
                        Map.of(
                            "onex.data-dir", dir.resolve("data").toString(),
                            "onex.http.tls.keystore", keystore.toString(),
                            "onex.http.tls.keystore-password", "wrong-pass-9"))
                    .close())
        .hasMessageContaining("onex.http.tls.keystore")
        .hasMessageNotContaining("wrong-pass-9");
  }

  private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
