package io.onex.engine.effects.internal;

import io.onex.engine.core.Action;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.tracing.LogFields;
import io.onex.engine.core.tracing.TraceParent;
import io.onex.engine.effects.internal.ExecutorCommand.Execute;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * The executor's spans: one per intent, from its first attempt to its outcome, under the span of
 * the action that emitted it; one per attempt under that; and one per outcome delivery, whose
 * context the outcome action carries back to its instance, so that the instance's next step
 * continues the same trace. Confined to the executor's actor, but for {@link #attempt}, which is
 * thread-safe.
 */
final class IntentSpans {

  private final Tracer tracer;
  private final Map<String, Span> intents = new HashMap<>();
  private final Map<String, Span> deliveries = new HashMap<>();

  IntentSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Starts the span of {@code execute}'s intent and returns it. */
  Span started(Execute execute) {
    Span span =
        tracer
            .spanBuilder("intent " + execute.intent().type() + ":" + execute.intent().target())
            .setParent(TraceParent.context(execute.traceparent()))
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute("onex.workflow.type", execute.workflowType())
            .setAttribute("onex.instance.id", execute.instanceId())
            .setAttribute("onex.intent.id", execute.intent().intentId())
            .setAttribute("onex.intent.handler", execute.intent().type())
            .setAttribute("onex.intent.target", execute.intent().target())
            .startSpan();
    intents.put(execute.intent().intentId(), span);
    return span;
  }

  /**
   * Ends the intent's span with its outcome and starts the span of the outcome's delivery; returns
   * {@code report} carrying that span's context.
   */
  Action finished(Execute execute, IntentOutcome outcome, Action report) {
    Span intent = intents.remove(execute.intent().intentId());
    if (intent == null) {
      return report;
    }
    if (outcome instanceof IntentOutcome.Failed failed) {
      intent.setStatus(StatusCode.ERROR, String.valueOf(failed.error()));
    }
    intent.end();
    Span delivery =
        tracer
            .spanBuilder("outcome " + report.type())
            .setParent(Context.root().with(intent))
            .setAttribute("onex.workflow.type", execute.workflowType())
            .setAttribute("onex.instance.id", execute.instanceId())
            .setAttribute("onex.intent.id", execute.intent().intentId())
            .startSpan();
    deliveries.put(execute.intent().intentId(), delivery);
    return report.toBuilder().metadata(TraceParent.withTrace(report.metadata(), delivery)).build();
  }

  /** Ends the span of the delivery of intent {@code intentId}'s outcome. */
  void delivered(String intentId) {
    Span delivery = deliveries.remove(intentId);
    if (delivery != null) {
      delivery.end();
    }
  }

  /** The log fields of work on {@code execute}, under its intent's span when it has one. */
  Map<String, String> logFields(Execute execute) {
    Span span =
        intents.getOrDefault(
            execute.intent().intentId(), deliveries.get(execute.intent().intentId()));
    return LogFields.of(
        execute.workflowType(), execute.instanceId(), execute.intent().correlationId(), span);
  }

  /** Starts the span of attempt {@code number} under {@code intent}; thread-safe. */
  Span attempt(Span intent, int number) {
    return tracer
        .spanBuilder("attempt " + number)
        .setParent(Context.root().with(intent))
        .setAttribute("onex.intent.attempt", number)
        .startSpan();
  }
}
