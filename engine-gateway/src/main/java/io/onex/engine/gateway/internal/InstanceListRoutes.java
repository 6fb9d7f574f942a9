package io.onex.engine.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.client.InstanceQuery;
import io.onex.engine.core.client.WorkflowClient;
import io.onex.engine.persistence.InstanceIndex;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Lists from the instance index: {@code GET /v1/workflows/{type}/instances} and {@code GET
 * /v1/instances} (across types, or one with {@code type=}), both with {@code status=} (one or
 * several, comma-separated), {@code version=}, {@code startedAfter=}, {@code updatedBefore=}
 * (ISO-8601 instants), {@code attr.<name>=}, {@code pageSize=} and {@code pageToken=}. A parameter
 * that is not one of these, or that has a bad value, is answered 400 naming it.
 */
final class InstanceListRoutes extends RouteSupport {

  private static final Set<String> FILTERS =
      Set.of("status", "version", "startedAfter", "updatedBefore", "pageSize", "pageToken");
  private static final String ATTRIBUTE = "attr.";

  private final WorkflowClient client;

  InstanceListRoutes(WorkflowClient client, Executor executor, Config http) {
    super(executor, http);
    this.client = client;
  }

  /** {@code GET /v1/workflows/{type}/instances}. */
  Route listOfType(String type) {
    return parameterMap(parameters -> list(query(type, parameters, false)));
  }

  /** {@code GET /v1/instances}. */
  Route listAcrossTypes() {
    return parameterMap(
        parameters -> list(query(nonBlank(parameters.get("type")), parameters, true)));
  }

  /**
   * {@code POST /v1/instances/terminate?<the list's filters>} with {@code {"reason", "dryRun"?}}:
   * terminates every unfinished instance the filters match, or with {@code dryRun} lists them.
   */
  Route terminateAll() {
    return parameterMap(
        parameters ->
            jsonBody(
                body -> {
                  InstanceQuery query = query(nonBlank(parameters.get("type")), parameters, true);
                  JsonNode dryRun = body.get("dryRun");
                  if (dryRun != null && !dryRun.isBoolean()) {
                    throw BadRequest.invalid("Expected field 'dryRun' to be true or false")
                        .field("dryRun");
                  }
                  return respond(
                      StatusCodes.OK,
                      client
                          .controls()
                          .terminateAll(
                              query,
                              requiredText(body, "reason"),
                              dryRun != null && dryRun.booleanValue()),
                      result -> result);
                }));
  }

  private Route list(InstanceQuery query) {
    return respond(StatusCodes.OK, client.list(query), page -> page);
  }

  private static InstanceQuery query(
      String type, Map<String, String> parameters, boolean typeAllowed) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      String name = parameter.getKey();
      if (name.startsWith(ATTRIBUTE)) {
        attributes.put(attributeName(name), parameter.getValue());
      } else if (!FILTERS.contains(name) && !(typeAllowed && name.equals("type"))) {
        List<String> known = new ArrayList<>(FILTERS);
        if (typeAllowed) {
          known.add("type");
        }
        known.add("attr.<name>");
        throw BadRequest.invalid(
                "Unknown query parameter '"
                    + name
                    + "'; expected one of "
                    + known.stream().sorted().toList())
            .field(name);
      }
    }
    String token = nonBlank(parameters.get("pageToken"));
    if (token != null) {
      try {
        InstanceIndex.checkPageToken(token);
      } catch (IllegalArgumentException e) {
        throw BadRequest.invalid(e.getMessage()).field("pageToken");
      }
    }
    try {
      return new InstanceQuery(
          type,
          statuses(parameters.get("status")),
          version(parameters.get("version")),
          instant("startedAfter", parameters.get("startedAfter")),
          instant("updatedBefore", parameters.get("updatedBefore")),
          attributes,
          pageSize(parameters.get("pageSize")),
          token);
    } catch (IllegalArgumentException e) {
      throw BadRequest.invalid(e.getMessage()).field(typeAllowed ? "type" : "workflowType");
    }
  }

  private static String attributeName(String parameter) {
    String name = parameter.substring(ATTRIBUTE.length());
    if (!WorkflowDefinition.SEARCH_ATTRIBUTE_NAME.matcher(name).matches()) {
      throw BadRequest.invalid(
              "Expected query parameter '"
                  + parameter
                  + "' to name a search attribute: a letter followed by up to 63 of [A-Za-z0-9_]")
          .field(parameter);
    }
    return name;
  }

  private static Set<InstanceStatus> statuses(String raw) {
    if (nonBlank(raw) == null) {
      return Set.of();
    }
    Set<InstanceStatus> statuses = EnumSet.noneOf(InstanceStatus.class);
    for (String name : raw.split(",")) {
      try {
        statuses.add(InstanceStatus.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw BadRequest.invalid(
                "Expected query parameter 'status' to be one or more (comma-separated) of "
                    + List.of(InstanceStatus.values())
                    + ", but got '"
                    + name.trim()
                    + "'")
            .field("status");
      }
    }
    return statuses;
  }

  private static Integer version(String raw) {
    if (nonBlank(raw) == null) {
      return null;
    }
    return (int) positiveParameter("version", Optional.of(raw.trim()), 1, Integer.MAX_VALUE);
  }

  private static int pageSize(String raw) {
    if (nonBlank(raw) == null) {
      return 0;
    }
    return (int) positiveParameter("pageSize", Optional.of(raw.trim()), 1, Integer.MAX_VALUE);
  }

  private static Instant instant(String name, String raw) {
    if (nonBlank(raw) == null) {
      return null;
    }
    try {
      return Instant.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw BadRequest.invalid(
              "Expected query parameter '"
                  + name
                  + "' to be an ISO-8601 instant such as 2030-01-01T00:00:00Z, but got '"
                  + raw
                  + "'")
          .field(name);
    }
  }

  private static String nonBlank(String raw) {
    return raw == null || raw.isBlank() ? null : raw.trim();
  }
}
