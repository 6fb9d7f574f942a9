package io.onex.engine.effects.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.json.EngineJson;
import java.io.IOException;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * How an HTTP answer becomes an effect's result: 2xx succeeds with the JSON body (or the text);
 * 408, 429 and 5xx are retryable failures; any other status is a permanent failure named {@code
 * http-<status>}.
 */
final class HttpAnswers {

  private HttpAnswers() {}

  static EffectResult toResult(HttpResponse response, String body) {
    int status = response.status().intValue();
    if (status >= 200 && status < 300) {
      return EffectResult.of(parse(body));
    }
    String message = "HTTP " + status + (body.isBlank() ? "" : ": " + abbreviate(body));
    boolean retryable = status == 408 || status == 429 || status >= 500;
    throw new EffectException("http-" + status, message, retryable);
  }

  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static JsonNode parse(String body) {
    if (body.isBlank()) {
      return EngineJson.mapper().nullNode();
    }
    try {
      return EngineJson.mapper().readTree(body);
    } catch (IOException e) {
      return EngineJson.mapper().getNodeFactory().textNode(body);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "...";
  }
}
