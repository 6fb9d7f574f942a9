package io.onex.engine.samples;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.WorkflowEngineBuilder;
import io.onex.engine.core.testing.HttpCalls;
import io.onex.engine.core.testing.HttpCalls.Response;
import io.onex.engine.node.EngineNode;
import io.onex.engine.node.NodeConfig;
import io.onex.engine.samples.services.SampleServices;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A sample node started in this JVM on free ports, and an HTTP client for its gateway. */
final class TestNode implements AutoCloseable {

  private final SampleNode sample;
  private final HttpCalls http;

  private TestNode(SampleNode sample) {
    this.sample = sample;
    this.http = new HttpCalls(URI.create("http://127.0.0.1:" + sample.node().port()));
  }

  /** Starts a sample node and its services with the dev overlay and {@code settings} on top. */
  static TestNode start(Map<String, Object> settings) {
    return start(settings, builder -> builder);
  }

  /** As {@link #start(Map)}, the engine as {@code customise} leaves its builder. */
  static TestNode start(
      Map<String, Object> settings, UnaryOperator<WorkflowEngineBuilder> customise) {
    Map<String, Object> all = new HashMap<>();
    all.put("onex.http.port", 0);
    all.put("onex.cluster.port", 0);
    all.put("onex.samples.services.port", 0);
    all.put("onex.samples.services.smtp-port", 0);
    all.put("onex.samples.services.delay-ms", 0);
    all.putAll(settings);
    Config config = ConfigFactory.parseMap(all).withFallback(NodeConfig.withOverlay("dev"));
    return new TestNode(SampleNode.start(config, customise));
  }

  EngineNode node() {
    return sample.node();
  }

  SampleServices services() {
    return sample.services();
  }

  Response get(String path) {
    return http.get(path);
  }

  /** The body of a GET as text, for responses that are not JSON. */
  String getText(String path) {
    return http.getText(path);
  }

  Response post(String path, String body, String... headers) {
    return http.post(path, body, headers);
  }

  /** Any request, with {@code headers} as name, value, name, value... */
  Response call(String method, String path, String body, String... headers) {
    return http.call(method, path, body, headers);
  }

  /** The gateway's base URL. */
  String base() {
    return "http://127.0.0.1:" + sample.node().port();
  }

  static Response send(HttpRequest.Builder request) {
    return HttpCalls.send(request);
  }

  @Override
  public void close() {
    sample.close();
  }
}
