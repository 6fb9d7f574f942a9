package io.onex.engine.persistence;

/**
 * Where instances tell what they await, besides the tagged events of the journal: that an instance
 * recovered with work pending, or that it stops with nothing pending. Called on the instance's
 * actor thread: implementations must be thread-safe and must not block. Losing a call is allowed
 * (it is made again at the instance's next recovery or stop): the journal's tagged events are what
 * keeps the record complete.
 */
public interface AwaitingLog {

  /** Keeps nothing: for instances nobody needs to wake. */
  AwaitingLog NONE =
      new AwaitingLog() {
        @Override
        public void awaiting(String workflowType, String instanceId, long sequence) {}

        @Override
        public void settled(String workflowType, String instanceId, long sequence) {}
      };

  /**
   * Instance {@code instanceId} of {@code workflowType} awaits an intent's outcome or a timer since
   * its event {@code sequence}.
   */
  void awaiting(String workflowType, String instanceId, long sequence);

  /** The instance awaits nothing after its event {@code sequence}. */
  void settled(String workflowType, String instanceId, long sequence);
}
