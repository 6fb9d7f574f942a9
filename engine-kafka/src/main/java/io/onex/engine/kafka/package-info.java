/**
 * The event bus on Kafka: every journaled workflow event published in order ({@link
 * io.onex.engine.kafka.KafkaEventBus}), Kafka messages turned into actions of instances with dead
 * letters kept ({@link io.onex.engine.kafka.SubscriptionSettings}), the {@code kafka} intent
 * handler ({@link io.onex.engine.kafka.KafkaIntentHandler}) and a local broker for trying it
 * ({@link io.onex.engine.kafka.LocalKafkaBroker}).
 */
package io.onex.engine.kafka;
