package io.onex.engine.kafka;

/**
 * What a subscription is doing, for operators.
 *
 * @param name the subscription's name
 * @param topic the topic it consumes
 * @param workflowType the workflow type whose instances it drives
 * @param state RUNNING, STOPPED, or FAILED (stopped by an error, see {@code lastError})
 * @param applied how many messages became actions (or starts) since the node started
 * @param deadLettered how many messages went to the dead-letter topic since the node started
 * @param lastError the last error of the subscription (a dead letter's or its own), or null
 * @param lag how many messages of the topic its consumer group has not yet committed, as last
 *     measured (every {@code onex.kafka.publication.lag-interval}); null until measured or while
 *     the brokers do not answer
 */
public record SubscriptionStatus(
    String name,
    String topic,
    String workflowType,
    State state,
    long applied,
    long deadLettered,
    String lastError,
    Long lag) {

  /** The states of a subscription. */
  public enum State {
    /** Consuming. */
    RUNNING,
    /** Stopped on request, or not started yet ({@code auto-start = off}). */
    STOPPED,
    /** Stopped by an error; start it again once the cause is fixed. */
    FAILED
  }
}
