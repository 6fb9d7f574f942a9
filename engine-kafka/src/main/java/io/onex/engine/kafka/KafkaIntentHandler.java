package io.onex.engine.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.core.concurrent.Stages;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.effect.HandlerHealth;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.kafka.internal.EventRecords;
import io.onex.engine.kafka.internal.KafkaClients;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.kafka.javadsl.SendProducer;

/**
 * The {@code kafka} intent handler (seed 004's {@code publish_envelope}): an intent whose target is
 * a topic and whose payload is {@code {"eventType": ..., "payload": ..., "key": optional}}
 * publishes the envelope {@code {eventType, payload, correlationId, causationId, source:
 * {workflowType, instanceId}, idempotencyKey}} to that topic, keyed by {@code key} or the source
 * instance id. Its result is {@code {topic, partition, offset}}.
 *
 * <p>Every attempt of one intent sends the same envelope with the intent's idempotency key, also in
 * header {@value #IDEMPOTENCY_KEY}; the producer is idempotent, so a retried send within a session
 * is written once, and a repeat after a crash carries the same key for consumers to drop. An intent
 * without an event type fails permanently.
 */
public final class KafkaIntentHandler implements EffectHandler {

  /** The handler type of the intents it carries out. */
  public static final String TYPE = "kafka";

  /** The header holding the intent's idempotency key. */
  public static final String IDEMPOTENCY_KEY = "onex-idempotency-key";

  /** The header holding the envelope's event type. */
  public static final String EVENT_TYPE = "onex-event-type";

  private final KafkaClients clients;
  private final SendProducer<String, byte[]> producer;
  private final Executor blocking;
  private final Duration sendTimeout;

  private KafkaIntentHandler(ActorSystem<?> system, KafkaSettings settings) {
    this.clients = new KafkaClients(system, settings);
    this.producer = clients.producer();
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    this.sendTimeout = settings.handlerSendTimeout();
  }

  /** A handler publishing with the brokers of {@code settings} (which must be enabled). */
  public static KafkaIntentHandler create(ActorSystem<?> system, KafkaSettings settings) {
    if (!settings.enabled()) {
      throw new IllegalArgumentException(
          "Expected onex.kafka.bootstrap-servers to be set for the kafka handler");
    }
    return new KafkaIntentHandler(system, settings);
  }

  @Override
  public String handlerType() {
    return TYPE;
  }

  @Override
  public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
    ProducerRecord<String, byte[]> record;
    try {
      record = envelope(request);
    } catch (EffectException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.supplyAsync(() -> Stages.direct(producer.send(record)), blocking)
        .thenCompose(sent -> sent)
        .toCompletableFuture()
        .orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(
            metadata ->
                EffectResult.of(
                    EngineJson.mapper()
                        .createObjectNode()
                        .put("topic", metadata.topic())
                        .put("partition", metadata.partition())
                        .put("offset", metadata.offset())));
  }

  private static ProducerRecord<String, byte[]> envelope(EffectRequest request) {
    String topic = request.target();
    if (topic == null || topic.isBlank()) {
      throw EffectException.permanent("no-topic", "A kafka intent needs a topic as its target");
    }
    JsonNode payload = request.payload();
    JsonNode eventType = payload == null ? null : payload.get("eventType");
    if (eventType == null || !eventType.isTextual() || eventType.asText().isBlank()) {
      throw EffectException.permanent(
          "no-event-type", "A kafka intent's payload needs a text field eventType");
    }
    ObjectNode envelope = EngineJson.mapper().createObjectNode();
    envelope.put("eventType", eventType.asText());
    envelope.set(
        "payload", payload.path("payload").isMissingNode() ? null : payload.get("payload"));
    envelope.put("correlationId", request.correlationId());
    envelope.put("causationId", request.intent().intentId());
    envelope
        .putObject("source")
        .put("workflowType", request.workflowType())
        .put("instanceId", request.instanceId());
    envelope.put("idempotencyKey", request.idempotencyKey());
    JsonNode key = payload.get("key");
    String recordKey = key != null && key.isValueNode() ? key.asText() : request.instanceId();
    Headers headers = new RecordHeaders();
    EventRecords.add(headers, IDEMPOTENCY_KEY, request.idempotencyKey());
    EventRecords.add(headers, EVENT_TYPE, eventType.asText());
    EventRecords.add(headers, EventRecords.CORRELATION_ID, request.correlationId());
    EventRecords.add(headers, EventRecords.CAUSATION_ID, request.intent().intentId());
    EventRecords.add(headers, EventRecords.CONTENT_TYPE, EventRecords.JSON);
    try {
      return new ProducerRecord<>(
          topic, null, recordKey, EngineJson.mapper().writeValueAsBytes(envelope), headers);
    } catch (JsonProcessingException e) {
      throw EffectException.permanent("not-json", "Could not write the envelope as JSON");
    }
  }

  @Override
  public HandlerDescription describe() {
    return new HandlerDescription(
        TYPE,
        "Publishes an envelope to the Kafka topic named by the intent's target",
        Map.of("bootstrapServers", clients.settings().bootstrapServers()));
  }

  @Override
  public CompletionStage<HandlerHealth> healthCheck() {
    long started = System.nanoTime();
    return clients
        .brokerCount(blocking)
        .handle(
            (brokers, error) ->
                error == null
                    ? HandlerHealth.healthy(brokers + " broker(s)")
                        .withLatency((System.nanoTime() - started) / 1_000_000)
                    : HandlerHealth.unhealthy("brokers unreachable")
                        .withLastError(error.getMessage()));
  }

  @Override
  public CompletionStage<Void> shutdown(Duration timeout) {
    clients.close();
    return Stages.direct(producer.close()).thenApply(done -> null);
  }
}
