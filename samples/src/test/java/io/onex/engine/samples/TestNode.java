package io.onex.engine.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.node.EngineNode;
import io.onex.engine.node.NodeConfig;
import io.onex.engine.samples.services.SampleServices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A sample node started in this JVM on free ports, and an HTTP client for its gateway. */
final class TestNode implements AutoCloseable {

  private static final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final SampleNode sample;
  private final URI base;

  private TestNode(SampleNode sample) {
    this.sample = sample;
    this.base = URI.create("http://127.0.0.1:" + sample.node().port());
  }

  /** Starts a sample node and its services with the dev overlay and {@code settings} on top. */
  static TestNode start(Map<String, Object> settings) {
    Map<String, Object> all = new HashMap<>();
    all.put("onex.http.port", 0);
    all.put("onex.cluster.port", 0);
    all.put("onex.samples.services.port", 0);
    all.put("onex.samples.services.delay-ms", 0);
    all.putAll(settings);
    Config config = ConfigFactory.parseMap(all).withFallback(NodeConfig.withOverlay("dev"));
    return new TestNode(SampleNode.start(config));
  }

  EngineNode node() {
    return sample.node();
  }

  SampleServices services() {
    return sample.services();
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  /** The body of a GET as text, for responses that are not JSON. */
  String getText(String path) {
    try {
      return client
          .send(
              HttpRequest.newBuilder(base.resolve(path)).GET().build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new IllegalStateException("HTTP request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Response post(String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body().isEmpty() ? null : EngineJson.mapper().readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException("HTTP request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    sample.close();
  }

  /** A response: status, content type and JSON body. */
  record Response(int status, String contentType, JsonNode body) {

    String text(String field) {
      return body.path(field).asText();
    }
  }
}
