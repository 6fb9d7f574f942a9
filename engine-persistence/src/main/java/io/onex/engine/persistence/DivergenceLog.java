package io.onex.engine.persistence;

/**
 * Where instances report what their recovery found: that their definition no longer reproduces
 * their history (they are {@code DIVERGED} and refuse actions), or that it reproduces it again.
 * Called on the instance's actor thread: implementations must be thread-safe and must not block.
 */
public interface DivergenceLog {

  /** Keeps nothing: for instances whose divergence nobody needs to hear of. */
  DivergenceLog NONE =
      new DivergenceLog() {
        @Override
        public void diverged(String workflowType, String instanceId, String detail) {}

        @Override
        public void recovered(String workflowType, String instanceId) {}
      };

  /**
   * Instance {@code instanceId} of {@code workflowType} diverged, for the reason {@code detail}.
   */
  void diverged(String workflowType, String instanceId, String detail);

  /** The instance recovered with every digest reproduced. */
  void recovered(String workflowType, String instanceId);
}
