package io.onex.engine.node;

import io.onex.engine.core.WorkflowRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The {@link WorkflowProvider}s on the class path, in a stable order (by class name). */
public final class WorkflowProviders {

  private WorkflowProviders() {}

  /** Every provider the class path lists. */
  public static List<WorkflowProvider> load() {
    return ServiceLoader.load(WorkflowProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(provider -> provider.getClass().getName()))
        .toList();
  }

  /** A registry holding the definitions of every provider in {@code providers}. */
  public static WorkflowRegistry registry(List<WorkflowProvider> providers) {
    WorkflowRegistry registry = new WorkflowRegistry();
    providers.forEach(provider -> provider.registerWorkflows(registry));
    return registry;
  }
}
