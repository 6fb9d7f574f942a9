package io.onex.engine.core.error;

/** A call named an event-bus subscription that is not configured on this node. */
public final class SubscriptionNotFoundException extends WorkflowException {

  private final String subscription;

  public SubscriptionNotFoundException(String subscription) {
    super(
        "Expected subscription '"
            + subscription
            + "' to be configured on this node (onex.kafka.subscriptions), but it is not");
    this.subscription = subscription;
  }

  SubscriptionNotFoundException(WorkflowError error) {
    super(error.message());
    this.subscription = error.field();
  }

  /** The name of the subscription that was not found. */
  public String subscription() {
    return subscription;
  }

  @Override
  public WorkflowError toError() {
    return new WorkflowError(code(), getMessage(), subscription, null, null);
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.SUBSCRIPTION_NOT_FOUND;
  }
}
