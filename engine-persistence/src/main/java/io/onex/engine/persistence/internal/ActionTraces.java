package io.onex.engine.persistence.internal;

import io.micrometer.core.instrument.Timer;
import io.onex.engine.core.Action;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.tracing.LogContext;
import io.onex.engine.core.tracing.LogFields;
import io.onex.engine.core.tracing.TraceParent;
import io.onex.engine.persistence.InstanceTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The spans and timings of the actions one instance applies: a span per action under the span that
 * sent it (its {@link TraceParent#METADATA_KEY}), the reducer's decision timed into {@code
 * onex.action.apply}, and the journal write as a child span timed into {@code onex.journal.write}.
 * Confined to its instance's actor.
 */
final class ActionTraces {

  private final InstanceTelemetry telemetry;
  private final String workflowType;
  private final String instanceId;
  private final Timer apply;
  private final Timer journalWrite;

  /** The action whose event is being written, if any: at most one, as the actor waits for it. */
  private Traced writing;

  ActionTraces(InstanceTelemetry telemetry, String workflowType, String instanceId) {
    this.telemetry = telemetry;
    this.workflowType = workflowType;
    this.instanceId = instanceId;
    this.apply =
        Timer.builder("onex.action.apply")
            .description("Time the reducer takes to decide an action, checks included")
            .tag("type", workflowType)
            .publishPercentileHistogram()
            .register(telemetry.metrics());
    this.journalWrite =
        Timer.builder("onex.journal.write")
            .description("Time from handing an event to the journal to its being written")
            .tag("type", workflowType)
            .publishPercentileHistogram()
            .register(telemetry.metrics());
  }

  /**
   * Decides a command on {@code action} with the action's log fields (see {@link LogFields}) in the
   * diagnostic context: a command can be handled long after it arrived (stashed during recovery or
   * a journal write), outside any context the actor's own messages set.
   */
  <T> T logged(Action action, Supplier<T> decide) {
    Map<String, String> fields =
        LogFields.of(
            workflowType,
            instanceId,
            action.correlationId(),
            Span.fromContext(TraceParent.context(action.metadata().get(TraceParent.METADATA_KEY))));
    try (var logged = LogContext.with(fields)) {
      return decide.get();
    }
  }

  /** Starts the span of applying {@code action}. */
  Traced begin(Action action) {
    Span span =
        telemetry
            .tracer()
            .spanBuilder("action " + action.type())
            .setParent(TraceParent.context(action.metadata().get(TraceParent.METADATA_KEY)))
            .setAttribute("onex.workflow.type", workflowType)
            .setAttribute("onex.instance.id", instanceId)
            .setAttribute("onex.action.id", action.actionId())
            .setAttribute("onex.action.type", action.type())
            .startSpan();
    return new Traced(span);
  }

  /**
   * Ends the spans of an event whose write never completed ({@code why}: the journal failed and the
   * instance restarts, or it stopped).
   */
  void abandoned(String why) {
    Traced abandoned = writing;
    writing = null;
    if (abandoned != null) {
      abandoned.write.setStatus(StatusCode.ERROR, why);
      abandoned.write.end();
      abandoned.refused(new IllegalStateException(why));
    }
  }

  /** One action being applied: its span, and the journal write's once it began. */
  final class Traced {

    private final Span action;
    private Span write;
    private long writeStarted;

    private Traced(Span action) {
      this.action = action;
    }

    /** Runs the reducer's decision {@code decide}, timed. */
    <T> T decide(Supplier<T> decide) {
      return apply.record(decide);
    }

    /** {@code event} is handed to the journal. */
    void writing(WorkflowEvent event, Logger log) {
      long sequence = event.sequence();
      log.debug(
          "Action {} ({}) accepted as event {}",
          event.action().actionId(),
          event.action().type(),
          sequence);
      action.setAttribute("onex.event.sequence", sequence);
      writing = this;
      writeStarted = System.nanoTime();
      write =
          telemetry
              .tracer()
              .spanBuilder("journal write")
              .setParent(Context.root().with(action))
              .setAttribute("onex.event.sequence", sequence)
              .startSpan();
    }

    /** The event is written: both spans end. */
    void written() {
      writing = null;
      if (write != null) {
        journalWrite.record(System.nanoTime() - writeStarted, TimeUnit.NANOSECONDS);
        write.end();
      }
      action.end();
    }

    /** The action was refused; nothing was written. */
    void refused(Exception reason) {
      action.setStatus(StatusCode.ERROR, reason.getMessage());
      action.end();
    }

    /** The {@code traceparent} under which the action's intents run, or {@code null}. */
    String traceparent() {
      return TraceParent.of(action);
    }
  }
}
