package io.onex.engine.kafka.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka record of a journaled workflow event: topic {@code <prefix><workflowType>}, key the
 * instance id, value the event's JSON as the history API writes it, and headers naming the event.
 */
@InternalApi
public final class EventRecords {

  /** The header of the event's id: the consumers' key to drop a repeated delivery. */
  public static final String EVENT_ID = "onex-event-id";

  public static final String SEQUENCE = "onex-sequence";
  public static final String CAUSATION_ID = "onex-causation-id";
  public static final String CORRELATION_ID = "onex-correlation-id";
  public static final String DEFINITION_VERSION = "onex-definition-version";
  public static final String WORKFLOW_TYPE = "onex-workflow-type";
  public static final String CONTENT_TYPE = "content-type";
  public static final String JSON = "application/json";

  private final KafkaSettings settings;

  public EventRecords(KafkaSettings settings) {
    this.settings = settings;
  }

  public ProducerRecord<String, byte[]> of(WorkflowEvent event) {
    Headers headers = new RecordHeaders();
    add(headers, EVENT_ID, event.eventId());
    add(headers, SEQUENCE, Long.toString(event.sequence()));
    add(headers, CAUSATION_ID, event.causationId());
    add(headers, CORRELATION_ID, event.correlationId());
    add(headers, DEFINITION_VERSION, Integer.toString(event.definitionVersion()));
    add(headers, WORKFLOW_TYPE, event.workflowType());
    add(headers, CONTENT_TYPE, JSON);
    return new ProducerRecord<>(
        settings.topicOf(event.workflowType()), null, event.instanceId(), json(event), headers);
  }

  /** The value of the last header {@code name} of {@code headers} in UTF-8, or null. */
  public static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Adds header {@code name} with {@code value} in UTF-8, unless the value is null. */
  public static void add(Headers headers, String name, String value) {
    if (value != null) {
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static byte[] json(WorkflowEvent event) {
    try {
      return EngineJson.mapper().writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write event " + event.eventId() + " as JSON", e);
    }
  }
}
