package io.onex.engine.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code history rebuild-index}: empties the instance index and its projection's offsets, and
 * indexes every instance again from its history in the journal. Meant for a stopped cluster; the
 * nodes' projections then continue from the end of the journal's tagged events.
 */
@Command(
    name = "rebuild-index",
    description =
        "Rebuild the instance index from the journal (stop the nodes first). Prints how many"
            + " instances it indexed.")
final class RebuildIndexCommand implements Callable<Integer> {

  @Mixin JournalOptions journal;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    long indexed = journal.withIndex(true, index -> HistoryCommand.join(index.rebuild()));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Indexed " + indexed + " instances from the journal");
    out.flush();
    return 0;
  }
}
