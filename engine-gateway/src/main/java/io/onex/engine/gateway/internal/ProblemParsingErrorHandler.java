package io.onex.engine.gateway.internal;

import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.InternalApi;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Answers requests pekko-http cannot even parse (a URI too long, headers too large, a malformed
 * request line) with problem+json like every other error, instead of pekko-http's plain text. No
 * route runs for such a request, so the problem names no request path. pekko-http creates it by
 * reflection; the problem type base is the configuration's {@code onex.http.problem-type-base}.
 */
@InternalApi
public final class ProblemParsingErrorHandler extends ParsingErrorHandler {

  private static final String TYPE_BASE =
      ConfigFactory.load().getString("onex.http.problem-type-base");

  @Override
  public HttpResponse handle(
      StatusCode status, ErrorInfo error, LoggingAdapter log, ServerSettings settings) {
    log.warning("Refused a request that could not be parsed: {}", error.formatPretty());
    return Problem.of(ProblemCatalog.ofStatus(status), error.summary()).toResponse(TYPE_BASE, "");
  }
}
