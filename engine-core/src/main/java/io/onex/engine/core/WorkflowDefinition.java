package io.onex.engine.core;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.error.LeaseRejectedException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One version of a workflow type: its name and version, how an instance's state begins, which
 * actions it accepts (each with a Java type and a JSON Schema for its payload), and the pure {@link
 * Reducer} that applies them.
 *
 * <p>Immutable and thread-safe once built. Instances are pinned to the version they started with,
 * so a definition must never change behaviour after it has been used: a change is a new version.
 *
 * @param <S> the workflow's state type, serializable to JSON by Jackson
 * @param <A> the workflow's action type; every registered action class implements it
 */
public final class WorkflowDefinition<S, A> {

  /** Workflow type names and instance ids: 1 to 200 characters from {@code [A-Za-z0-9._:-]}. */
  public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

  private static final Pattern ACTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,99}");

  /** Search attribute names: a letter followed by up to 63 of {@code [A-Za-z0-9_]}. */
  public static final Pattern SEARCH_ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  private final String type;
  private final int version;
  private final String description;
  private final Class<S> stateType;
  private final JsonNode stateSchema;
  private final StartSpec<?, S> start;
  private final Map<String, ActionSpec<? extends A>> actions;
  private final Reducer<S, A> reducer;
  private final boolean leaseRequired;
  private final Map<String, JsonPointer> searchAttributes;

  private WorkflowDefinition(Builder<S, A> builder) {
    this.type = builder.type;
    this.version = builder.version;
    this.description = builder.description;
    this.stateType = builder.stateType;
    this.stateSchema = builder.stateSchema;
    this.start = builder.start;
    this.actions = Map.copyOf(builder.actions);
    this.reducer = builder.reducer;
    this.leaseRequired = builder.leaseRequired;
    this.searchAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes));
  }

  /** Starts the definition of {@code version} of workflow type {@code type}. */
  public static <S, A> Builder<S, A> builder(String type, int version) {
    return new Builder<>(type, version);
  }

  public String type() {
    return type;
  }

  public int version() {
    return version;
  }

  public String description() {
    return description;
  }

  public Class<S> stateType() {
    return stateType;
  }

  /** The JSON Schema of the state. */
  public JsonNode stateSchema() {
    return stateSchema;
  }

  /** The start input's type, schema and initial-state function. */
  public StartSpec<?, S> start() {
    return start;
  }

  /** The accepted actions by name. */
  public Map<String, ActionSpec<? extends A>> actions() {
    return actions;
  }

  /** The action registered under {@code name}, if any. */
  public Optional<ActionSpec<? extends A>> action(String name) {
    return Optional.ofNullable(actions.get(name));
  }

  public Reducer<S, A> reducer() {
    return reducer;
  }

  /**
   * Whether instances accept actions only from the holder of their lease (resource {@link
   * LeaseFence#resourceOf}), fenced by the lease's token: see {@link Builder#requireLease()}.
   */
  public boolean leaseRequired() {
    return leaseRequired;
  }

  /**
   * The search attributes of this version's instances, in declaration order: each name with the
   * JSON pointer into the state that gives its value. Every journaled event records their values
   * after its action, so the instance index can filter on them.
   */
  public Map<String, JsonPointer> searchAttributes() {
    return searchAttributes;
  }

  @Override
  public String toString() {
    return "WorkflowDefinition[" + type + " v" + version + "]";
  }

  /**
   * How an instance begins: the start input's Java type, its JSON Schema, and the function that
   * turns it into the initial state.
   */
  public record StartSpec<I, S>(Class<I> inputType, JsonNode schema, StartFunction<I, S> function) {

    public StartSpec {
      Objects.requireNonNull(inputType, "inputType");
      Objects.requireNonNull(schema, "schema");
      Objects.requireNonNull(function, "function");
    }
  }

  /** One accepted action: its name, the Java type its payload decodes to, and its JSON Schema. */
  public record ActionSpec<T>(String name, Class<T> payloadType, JsonNode schema) {

    public ActionSpec {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(payloadType, "payloadType");
      Objects.requireNonNull(schema, "schema");
    }
  }

  /**
   * Collects the parts of a definition; {@link #build()} checks that every part is there and
   * reports the first that is missing or wrong by name.
   */
  public static final class Builder<S, A> {
    private final String type;
    private final int version;
    private String description = "";
    private Class<S> stateType;
    private JsonNode stateSchema;
    private StartSpec<?, S> start;
    private final Map<String, ActionSpec<? extends A>> actions = new LinkedHashMap<>();
    private Reducer<S, A> reducer;
    private boolean leaseRequired;
    private final Map<String, JsonPointer> attributes = new LinkedHashMap<>();

    private Builder(String type, int version) {
      this.type = type;
      this.version = version;
    }

    public Builder<S, A> description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** The state's Java type and JSON Schema. */
    public Builder<S, A> state(Class<S> stateType, JsonNode schema) {
      this.stateType = stateType;
      this.stateSchema = schema;
      return this;
    }

    /** The start input's type and schema, and how it becomes the initial state. */
    public <I> Builder<S, A> start(Class<I> inputType, JsonNode schema, StartFunction<I, S> fn) {
      this.start = new StartSpec<>(inputType, schema, fn);
      return this;
    }

    /** Accepts actions named {@code name} whose payload decodes to {@code payloadType}. */
    public <T extends A> Builder<S, A> action(String name, Class<T> payloadType, JsonNode schema) {
      if (name == null || !ACTION_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "Expected an action name of a letter followed by up to 99 of [A-Za-z0-9._-], but got '"
                + name
                + "' in workflow type '"
                + type
                + "'");
      }
      if (OperatorActions.isOperator(name)) {
        throw new IllegalArgumentException(
            "Action name '"
                + name
                + "' starts with '"
                + OperatorActions.PREFIX
                + "', which is reserved for the engine's operator actions");
      }
      if (IntentOutcome.isOutcome(name)) {
        throw new IllegalArgumentException(
            "Action name '" + name + "' is reserved for intent outcomes; see Reducer.onOutcome");
      }
      if (actions.putIfAbsent(name, new ActionSpec<>(name, payloadType, schema)) != null) {
        throw new IllegalArgumentException(
            "Action '" + name + "' is declared twice in workflow type '" + type + "'");
      }
      return this;
    }

    public Builder<S, A> reducer(Reducer<S, A> reducer) {
      this.reducer = reducer;
      return this;
    }

    /**
     * Makes the instances single-writer: the start and every action must carry the lease id and
     * fencing token of the current lease on the instance's resource ({@link
     * LeaseFence#resourceOf}), and a token lower than the highest the instance has seen is refused
     * with {@link LeaseRejectedException}. Intent outcomes and timers are exempt: they continue
     * what an admitted action began.
     */
    public Builder<S, A> requireLease() {
      this.leaseRequired = true;
      return this;
    }

    /**
     * Declares search attribute {@code name}: the value at {@code jsonPointer} in the state (such
     * as {@code "/customerId"}), recorded with every event and searchable in the instance index
     * ({@code attr.<name>=} in a list query). A missing or null value is no value; objects and
     * arrays are recorded as their JSON text.
     */
    public Builder<S, A> searchAttribute(String name, String jsonPointer) {
      if (name == null || !SEARCH_ATTRIBUTE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "Expected a search attribute name of a letter followed by up to 63 of [A-Za-z0-9_],"
                + " but got '"
                + name
                + "' in workflow type '"
                + type
                + "'");
      }
      JsonPointer pointer;
      try {
        pointer = JsonPointer.compile(Objects.requireNonNull(jsonPointer, "jsonPointer"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Search attribute '"
                + name
                + "' of workflow type '"
                + type
                + "' has an invalid JSON pointer '"
                + jsonPointer
                + "': "
                + e.getMessage(),
            e);
      }
      if (attributes.putIfAbsent(name, pointer) != null) {
        throw new IllegalArgumentException(
            "Search attribute '" + name + "' is declared twice in workflow type '" + type + "'");
      }
      return this;
    }

    /** The definition; throws {@link IllegalStateException} naming the first missing part. */
    public WorkflowDefinition<S, A> build() {
      if (type == null || !IDENTIFIER.matcher(type).matches()) {
        throw new IllegalStateException(
            "Expected a workflow type name of 1 to 200 characters from [A-Za-z0-9._:-], but got '"
                + type
                + "'");
      }
      if (version < 1) {
        throw new IllegalStateException(
            "Expected version >= 1 for workflow type '" + type + "', but got " + version);
      }
      requirePart(stateType != null && stateSchema != null, "state(type, schema)");
      requirePart(start != null, "start(inputType, schema, function)");
      requirePart(!actions.isEmpty(), "at least one action(name, type, schema)");
      requirePart(reducer != null, "reducer(reducer)");
      return new WorkflowDefinition<>(this);
    }

    private void requirePart(boolean present, String part) {
      if (!present) {
        throw new IllegalStateException(
            "Workflow type '" + type + "' v" + version + " is missing " + part);
      }
    }
  }
}
