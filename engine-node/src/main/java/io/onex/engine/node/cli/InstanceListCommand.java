package io.onex.engine.node.cli;

import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.client.InstancePage;
import io.onex.engine.core.client.InstanceQuery;
import io.onex.engine.core.client.InstanceSummary;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.persistence.InstanceIndex;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code history list}: one page of the instance index, filtered as {@code GET /v1/instances} is,
 * as a table or as the same JSON.
 */
@Command(
    name = "list",
    description =
        "List instances from the instance index, newest start first, a page at a time; the last"
            + " line gives the token of the next page.")
final class InstanceListCommand implements Callable<Integer> {

  @Mixin JournalOptions journal;

  @Option(names = "--type", description = "Only instances of this workflow type.")
  String type;

  @Option(
      names = "--status",
      split = ",",
      description = "Only instances in one of these statuses (comma-separated).")
  Set<String> statuses = Set.of();

  @Option(names = "--version", description = "Only instances of this definition version.")
  Integer version;

  @Option(names = "--started-after", description = "Only instances started after (ISO-8601).")
  Instant startedAfter;

  @Option(names = "--updated-before", description = "Only instances updated before (ISO-8601).")
  Instant updatedBefore;

  @Option(
      names = "--attr",
      description = "Only instances whose search attribute has this value (name=value; repeat).")
  Map<String, String> attributes = new LinkedHashMap<>();

  @Option(names = "--page-size", defaultValue = "100", description = "Instances per page.")
  int pageSize;

  @Option(names = "--page-token", description = "The token of the page to show.")
  String pageToken;

  @Option(names = "--json", description = "Print the page as JSON, as the HTTP API answers.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    InstanceQuery query =
        new InstanceQuery(
            type,
            statuses(),
            version,
            startedAfter,
            updatedBefore,
            attributes,
            pageSize,
            pageToken);
    if (pageToken != null) {
      InstanceIndex.checkPageToken(pageToken);
    }
    InstancePage page = journal.withIndex(false, index -> HistoryCommand.join(index.list(query)));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(EngineJson.mapper().writeValueAsString(page));
    } else {
      print(out, page);
    }
    out.flush();
    return 0;
  }

  private Set<InstanceStatus> statuses() {
    Set<InstanceStatus> parsed = EnumSet.noneOf(InstanceStatus.class);
    for (String status : statuses) {
      try {
        parsed.add(InstanceStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Expected --status to be among "
                + EnumSet.allOf(InstanceStatus.class)
                + ", but got '"
                + status
                + "'");
      }
    }
    return parsed;
  }

  private static void print(PrintWriter out, InstancePage page) {
    out.printf(
        "%-20s %-36s %-10s %-4s %-24s %-24s %-5s %-7s %s%n",
        "TYPE", "INSTANCE", "STATUS", "VER", "STARTED", "UPDATED", "SEQ", "PENDING", "REASON");
    for (InstanceSummary row : page.instances()) {
      out.printf(
          "%-20s %-36s %-10s %-4d %-24s %-24s %-5d %-7d %s%n",
          row.type(),
          row.instanceId(),
          row.status(),
          row.version(),
          row.startedAt(),
          row.updatedAt(),
          row.lastSequence(),
          row.pendingIntents(),
          row.failureReason() == null ? "" : row.failureReason());
    }
    out.println(
        page.instances().size()
            + " instances"
            + (page.nextPageToken() == null
                ? "; no further page"
                : "; next page: --page-token " + page.nextPageToken()));
    if (!page.instances().isEmpty()
        && page.instances().stream().anyMatch(row -> !row.searchAttributes().isEmpty())) {
      out.println(
          "search attributes: "
              + page.instances().stream()
                  .filter(row -> !row.searchAttributes().isEmpty())
                  .map(row -> row.instanceId() + " " + row.searchAttributes())
                  .collect(Collectors.joining("; ")));
    }
  }
}
