package io.onex.engine.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.json.EngineJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An HTTP client for tests of a node's gateway at {@code base}: JSON in, JSON out. */
public final class HttpCalls {

  private static final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;

  public HttpCalls(URI base) {
    this.base = base;
  }

  public URI base() {
    return base;
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  /** The body of a GET as text, for responses that are not JSON. */
  public String getText(String path) {
    return exchange(HttpRequest.newBuilder(base.resolve(path)).GET()).body();
  }

  /** POSTs {@code body} as JSON, with {@code headers} as name, value, name, value... */
  public Response post(String path, String body, String... headers) {
    return call("POST", path, body, headers);
  }

  /**
   * Sends {@code method} to {@code path} with {@code body} as JSON (none when {@code null}) and
   * {@code headers} as name, value, name, value...; a header whose value is {@code null} is left
   * out.
   */
  public Response call(String method, String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i + 1] != null) {
        request.header(headers[i], headers[i + 1]);
      }
    }
    return send(request);
  }

  /** Sends {@code request} and reads the answer, its body as JSON. */
  public static Response send(HttpRequest.Builder request) {
    HttpResponse<String> response = exchange(request);
    try {
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("WWW-Authenticate").orElse(null),
          response.body().isEmpty() ? null : EngineJson.mapper().readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException("Expected a JSON body: " + response.body(), e);
    }
  }

  private static HttpResponse<String> exchange(HttpRequest.Builder request) {
    try {
      return client.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("HTTP request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response: status, content type, authentication challenge and JSON body. */
  public record Response(int status, String contentType, String challenge, JsonNode body) {

    public String text(String field) {
      return body.path(field).asText();
    }
  }
}
