package io.onex.engine.gateway.internal;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractUri;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.reject;

import io.onex.engine.core.concurrent.Stages;
import io.onex.engine.core.error.WorkflowException;
import io.onex.engine.gateway.internal.ProblemCatalog.RequestProblem;
import io.onex.engine.gateway.internal.RouteSupport.BadRequest;
import io.onex.engine.gateway.internal.RouteSupport.PayloadTooLarge;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Rejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.http.scaladsl.model.IllegalRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns everything that can go wrong with a request into a problem+json answer: the engine's typed
 * errors, the gateway's own refusals, pekko-http's rejections, and (logged, never shown) anything
 * unexpected. No answer carries a stack trace.
 */
final class ErrorMapping {

  private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

  private final String problemTypeBase;
  private final long maxBodyBytes;

  ErrorMapping(String problemTypeBase, long maxBodyBytes) {
    this.problemTypeBase = problemTypeBase;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Answers any exception with its problem, its {@code instance} the request's path. */
  ExceptionHandler exceptionHandler() {
    return ExceptionHandler.newBuilder()
        .matchAny(
            error ->
                extractUri(
                    uri ->
                        complete(
                            problemFor(Stages.unwrap(error))
                                .toResponse(problemTypeBase, uri.path()))))
        .build();
  }

  /**
   * Answers every rejection as Pekko HTTP's default handler would, turned into a problem whose
   * {@code instance} is the request's path. Built once; only a rejected request builds the mapping
   * for its path.
   */
  RejectionHandler rejectionHandler() {
    return RejectionHandler.newBuilder()
        .handleAll(
            Rejection.class,
            rejections ->
                asProblem(
                    reject(
                        rejections.get(0),
                        rejections.subList(1, rejections.size()).toArray(Rejection[]::new))))
        .handleNotFound(asProblem(reject()))
        .build();
  }

  /** {@code rejected}'s rejections answered by the default handler, as a problem. */
  private Route asProblem(Route rejected) {
    return extractUri(
        uri ->
            handleRejections(
                RejectionHandler.defaultHandler()
                    .mapRejectionResponse(response -> toProblem(response, uri.path())),
                () -> rejected));
  }

  private HttpResponse toProblem(HttpResponse response, String path) {
    if (response.entity().getContentType().equals(Problem.PROBLEM_JSON)) {
      return response;
    }
    StatusCode status = response.status();
    Problem problem =
        status.intValue() == StatusCodes.PAYLOAD_TOO_LARGE.intValue()
            ? payloadTooLarge()
            : Problem.of(
                ProblemCatalog.ofStatus(status),
                ((HttpEntity.Strict) response.entity()).getData().utf8String());
    return problem.toResponse(problemTypeBase, path);
  }

  Problem problemFor(Throwable error) {
    if (error instanceof WorkflowException workflowError) {
      return Problem.of(workflowError);
    }
    if (error instanceof BadRequest bad) {
      return bad.toProblem();
    }
    if (error instanceof PayloadTooLarge || error instanceof EntityStreamSizeException) {
      return payloadTooLarge();
    }
    if (error instanceof IllegalRequestException illegal) {
      return Problem.of(ProblemCatalog.ofStatus(illegal.status()), illegal.info().summary());
    }
    if (error instanceof IllegalArgumentException) {
      return Problem.of(RequestProblem.INVALID_REQUEST, error.getMessage());
    }
    log.error("Request failed unexpectedly", error);
    return Problem.of(
        RequestProblem.INTERNAL_ERROR,
        "The request failed unexpectedly; the node's log has the details");
  }

  private Problem payloadTooLarge() {
    return Problem.of(
        RequestProblem.PAYLOAD_TOO_LARGE, "Expected a body of at most " + maxBodyBytes + " bytes");
  }
}
