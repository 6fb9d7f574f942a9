package io.onex.engine.core.client;

import java.util.List;

/**
 * One page of a {@link InstanceQuery}'s instances, in the query's order.
 *
 * @param instances the instances of this page
 * @param nextPageToken pass to {@link InstanceQuery#withPageToken} for the next page; null when
 *     this page is the last
 */
public record InstancePage(List<InstanceSummary> instances, String nextPageToken) {

  public InstancePage {
    instances = List.copyOf(instances);
  }
}
