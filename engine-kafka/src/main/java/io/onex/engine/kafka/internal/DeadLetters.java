package io.onex.engine.kafka.internal;

import io.onex.engine.core.InternalApi;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead letter of a message a subscription could not apply: the original key, value and headers,
 * sent to {@code <topic><suffix>} with the error and where the message came from in headers.
 */
@InternalApi
public final class DeadLetters {

  /** The header of the error's code (such as {@code transition-rejected} or {@code not-json}). */
  public static final String ERROR_CODE = "onex-dlq-error-code";

  /** The header of the error's message. */
  public static final String ERROR = "onex-dlq-error";

  public static final String TOPIC = "onex-dlq-topic";
  public static final String PARTITION = "onex-dlq-partition";
  public static final String OFFSET = "onex-dlq-offset";
  public static final String SUBSCRIPTION = "onex-dlq-subscription";

  private final String suffix;

  public DeadLetters(String suffix) {
    this.suffix = suffix;
  }

  /** The dead-letter topic of {@code topic}. */
  public String topicOf(String topic) {
    return topic + suffix;
  }

  public ProducerRecord<String, byte[]> of(
      ConsumerRecord<String, byte[]> record, String subscription, String code, String error) {
    Headers headers = new RecordHeaders();
    for (Header header : record.headers()) {
      headers.add(header);
    }
    EventRecords.add(headers, ERROR_CODE, code);
    EventRecords.add(headers, ERROR, error);
    EventRecords.add(headers, TOPIC, record.topic());
    EventRecords.add(headers, PARTITION, Integer.toString(record.partition()));
    EventRecords.add(headers, OFFSET, Long.toString(record.offset()));
    EventRecords.add(headers, SUBSCRIPTION, subscription);
    return new ProducerRecord<>(
        topicOf(record.topic()), null, record.key(), record.value(), headers);
  }
}
