package io.onex.engine.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.cluster.WorkflowEngineBuilder;
import io.onex.engine.core.WorkflowRegistry;

/**
 * What a jar of workflows offers the node application, found on the class path with {@link
 * java.util.ServiceLoader}: list the implementing class in {@code
 * META-INF/services/io.onex.engine.node.WorkflowProvider}, and a node started with that jar beside
 * it ({@link NodeMain}) hosts its workflows, and the {@code history} command replays them.
 *
 * <p>Implementations need a public no-argument constructor. {@link #registerWorkflows} must only
 * register definitions: the history command calls it without starting a node.
 */
public interface WorkflowProvider {

  /** Registers every version of every workflow definition this provider hosts. */
  void registerWorkflows(WorkflowRegistry registry);

  /**
   * Adds this provider's effect handlers and compute functions to a node that is about to start.
   * Adds nothing by default.
   */
  default void configure(WorkflowEngineBuilder engine) {}

  /**
   * Starts what this provider's workflows need beside a running node (a service they call, for
   * example), before the node starts, given the node's configuration. The companion's {@link
   * Companion#config()} is laid over the node's configuration (handler targets, for example), and
   * it is closed once the node has stopped. Starts nothing by default.
   */
  default Companion startCompanion(Config config) {
    return Companion.NONE;
  }

  /** Something a provider runs beside the node for as long as the node runs. */
  interface Companion extends AutoCloseable {

    /** A companion that is nothing and adds no configuration. */
    Companion NONE =
        new Companion() {
          @Override
          public Config config() {
            return ConfigFactory.empty();
          }

          @Override
          public void close() {}
        };

    /** Configuration to lay over the node's, such as the URLs the companion listens at. */
    Config config();

    /** Stops the companion; never throws. */
    @Override
    void close();
  }
}
