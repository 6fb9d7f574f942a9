package io.onex.engine.persistence;

import java.util.Set;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * The journal tags of workflow events, written in the transaction that writes each event: every
 * event carries the tag of its workflow type ({@link #ofType}) and the tag of its instance's slice
 * ({@link #ofSlice}). Consumers of the read journal's {@code eventsByTag} read a type's events, or
 * share the work of every event among nodes by slice: each instance belongs to exactly one slice,
 * so one slice's stream holds each of its instances' events in order.
 *
 * <p>The number of slices ({@code onex.index.slices}) must not change once the journal holds
 * events, as the number of shards of a sharded entity must not. Thread-safe (stateless).
 */
public final class EventTags {

  /** The prefix of the tag of a workflow type's events. */
  public static final String TYPE_PREFIX = "onex-type:";

  /** The prefix of the tag of a slice's events. */
  public static final String SLICE_PREFIX = "onex-slice:";

  private EventTags() {}

  /**
   * The journal's persistence id of an instance: {@code <workflowType>|<instanceId>}, as Pekko's
   * {@code PersistenceId.of} writes an entity type and id.
   */
  public static String persistenceId(String workflowType, String instanceId) {
    return PersistenceId.of(workflowType, instanceId).id();
  }

  /** The tag of every event of {@code workflowType}'s instances. */
  public static String ofType(String workflowType) {
    return TYPE_PREFIX + workflowType;
  }

  /** The tag of every event of the instances in slice {@code slice}. */
  public static String ofSlice(int slice) {
    return SLICE_PREFIX + slice;
  }

  /**
   * The slice, from 0 to {@code slices - 1}, of instance {@code instanceId} of {@code
   * workflowType}: the same on every node and in every release (String's hash code is specified).
   */
  public static int sliceOf(String workflowType, String instanceId, int slices) {
    if (slices < 1) {
      throw new IllegalArgumentException("Expected at least 1 slice, but got " + slices);
    }
    return Math.floorMod(persistenceId(workflowType, instanceId).hashCode(), slices);
  }

  /** The tags of every event of one instance. */
  public static Set<String> of(String workflowType, String instanceId, int slices) {
    return Set.of(ofType(workflowType), ofSlice(sliceOf(workflowType, instanceId, slices)));
  }
}
