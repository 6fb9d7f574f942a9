package io.onex.engine.core.client;

import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.WorkflowDefinition;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which instances to list from the instance index, and which page: every given filter must match, a
 * null or empty one matches all. Results come newest start first (ties by type, then id, both
 * descending), a page at a time: {@link InstancePage#nextPageToken()} continues where a page ended,
 * with no instance repeated or skipped between pages of one query.
 *
 * <p>Immutable; the {@code with...} methods return changed copies. The constructor throws {@link
 * IllegalArgumentException} naming the filter that is wrong.
 *
 * @param workflowType instances of this type only; null for every type
 * @param statuses instances in one of these statuses; empty for any
 * @param version instances pinned to this definition version; null for any
 * @param startedAfter instances started strictly after this time; null for any
 * @param updatedBefore instances whose latest event is strictly before this time; null for any
 * @param attributes instances whose search attribute of each name has exactly that value
 * @param pageSize how many instances per page at most; 0 for the configured default (a larger size
 *     than the configured maximum is lowered to it)
 * @param pageToken the {@link InstancePage#nextPageToken()} of the previous page; null for the
 *     first
 */
public record InstanceQuery(
    String workflowType,
    Set<InstanceStatus> statuses,
    Integer version,
    Instant startedAfter,
    Instant updatedBefore,
    Map<String, String> attributes,
    int pageSize,
    String pageToken) {

  public InstanceQuery {
    if (workflowType != null && !WorkflowDefinition.IDENTIFIER.matcher(workflowType).matches()) {
      throw new IllegalArgumentException(
          "Expected a workflow type of 1 to 200 characters from [A-Za-z0-9._:-], but got '"
              + workflowType
              + "'");
    }
    statuses =
        statuses == null || statuses.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(statuses));
    if (version != null && version < 1) {
      throw new IllegalArgumentException("Expected version >= 1, but got " + version);
    }
    attributes =
        attributes == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    attributes.forEach(
        (name, value) -> {
          if (!WorkflowDefinition.SEARCH_ATTRIBUTE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                "Expected a search attribute name of a letter followed by up to 63 of"
                    + " [A-Za-z0-9_], but got '"
                    + name
                    + "'");
          }
          Objects.requireNonNull(value, () -> "value of search attribute " + name);
        });
    if (pageSize < 0) {
      throw new IllegalArgumentException("Expected pageSize >= 1, but got " + pageSize);
    }
  }

  /** Every instance of every type, first page, default page size. */
  public static InstanceQuery all() {
    return new InstanceQuery(null, Set.of(), null, null, null, Map.of(), 0, null);
  }

  /** Every instance of {@code workflowType}. */
  public static InstanceQuery ofType(String workflowType) {
    return all().withType(workflowType);
  }

  public InstanceQuery withType(String type) {
    return new InstanceQuery(
        type, statuses, version, startedAfter, updatedBefore, attributes, pageSize, pageToken);
  }

  /** Instances in any of {@code status}. */
  public InstanceQuery withStatus(InstanceStatus... status) {
    return new InstanceQuery(
        workflowType,
        status.length == 0 ? Set.of() : EnumSet.of(status[0], status),
        version,
        startedAfter,
        updatedBefore,
        attributes,
        pageSize,
        pageToken);
  }

  public InstanceQuery withVersion(Integer definitionVersion) {
    return new InstanceQuery(
        workflowType,
        statuses,
        definitionVersion,
        startedAfter,
        updatedBefore,
        attributes,
        pageSize,
        pageToken);
  }

  public InstanceQuery withStartedAfter(Instant time) {
    return new InstanceQuery(
        workflowType, statuses, version, time, updatedBefore, attributes, pageSize, pageToken);
  }

  public InstanceQuery withUpdatedBefore(Instant time) {
    return new InstanceQuery(
        workflowType, statuses, version, startedAfter, time, attributes, pageSize, pageToken);
  }

  /** Instances whose search attribute {@code name} is {@code value}, besides the other filters. */
  public InstanceQuery withAttribute(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(attributes);
    more.put(name, value);
    return new InstanceQuery(
        workflowType, statuses, version, startedAfter, updatedBefore, more, pageSize, pageToken);
  }

  public InstanceQuery withPageSize(int size) {
    return new InstanceQuery(
        workflowType, statuses, version, startedAfter, updatedBefore, attributes, size, pageToken);
  }

  /** The same query, continuing after the page that returned {@code token}. */
  public InstanceQuery withPageToken(String token) {
    return new InstanceQuery(
        workflowType, statuses, version, startedAfter, updatedBefore, attributes, pageSize, token);
  }
}
