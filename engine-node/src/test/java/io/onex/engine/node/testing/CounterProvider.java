package io.onex.engine.node.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.node.WorkflowProvider;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user's jar of workflows, as the node finds it on the class path: the core's counter, and a
 * companion that stands for a service the counter calls.
 */
public final class CounterProvider implements WorkflowProvider {

  /** Companions started and not yet closed, across every node of the test JVM. */
  public static final AtomicInteger RUNNING_COMPANIONS = new AtomicInteger();

  @Override
  public void registerWorkflows(WorkflowRegistry registry) {
    registry.register(CounterWorkflow.definition());
  }

  @Override
  public Companion startCompanion(Config config) {
    RUNNING_COMPANIONS.incrementAndGet();
    return new Companion() {
      @Override
      public Config config() {
        return ConfigFactory.parseString(
            "onex.handlers.http.targets.counter-service = \"http://127.0.0.1:1/counter\"");
      }

      @Override
      public void close() {
        RUNNING_COMPANIONS.decrementAndGet();
      }
    };
  }
}
