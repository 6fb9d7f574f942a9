package io.onex.engine.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.h2.tools.Server;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code journal-server}: serves one H2 journal database over TCP, so that several engine nodes on
 * one machine can share a journal without installing a database (a local cluster, a trial). Every
 * commit is written before it is acknowledged ({@code WRITE_DELAY=0}, set when the server opens the
 * database). Listens on the loopback interface only unless told otherwise. Use PostgreSQL for real
 * deployments.
 */
@Command(
    name = "journal-server",
    mixinStandardHelpOptions = true,
    description =
        "Serve a shared H2 journal over TCP for engine nodes on this machine; "
            + "nodes use ONEX_JOURNAL_URL=jdbc:h2:tcp://127.0.0.1:<port>/onex. Stop with Ctrl-C.")
public final class JournalServerCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "9092",
      description = "TCP port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--dir",
      defaultValue = "./data/shared-journal",
      description = "Directory holding the database files (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--allow-others",
      description = "Accept connections from other machines too (default: loopback only).")
  boolean allowOthers;

  private final PrintWriter out;

  private JournalServerCommand(PrintWriter out) {
    this.out = out;
  }

  /** Runs the server until the process is stopped; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new JournalServerCommand(out));
    commandLine.setOut(out).setErr(err);
    commandLine.setExecutionExceptionHandler(
        (error, line, parsed) -> {
          line.getErr().println("journal-server: " + error.getMessage());
          return HistoryCommand.FAILED;
        });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() throws SQLException, InterruptedException {
    Server server =
        Server.createTcpServer(
                allowOthers
                    ? new String[] {
                      "-tcpPort",
                      String.valueOf(port),
                      "-baseDir",
                      dir.toString(),
                      "-ifNotExists",
                      "-tcpAllowOthers"
                    }
                    : new String[] {
                      "-tcpPort",
                      String.valueOf(port),
                      "-baseDir",
                      dir.toAbsolutePath().toString(),
                      "-ifNotExists"
                    })
            .start();
    String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/onex";
    // Holding a connection keeps the database open between nodes' connections, with the write
    // delay off for every one of them.
    Connection holder = DriverManager.getConnection(url + ";WRITE_DELAY=0", "sa", "");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    holder.close();
                  } catch (SQLException ignored) {
                    // the server stops next either way
                  }
                  server.stop();
                  stopped.countDown();
                }));
    out.println(
        "Journal server listening on port "
            + server.getPort()
            + ", files in "
            + dir.toAbsolutePath()
            + "; start nodes with ONEX_JOURNAL_URL="
            + url);
    out.flush();
    stopped.await();
    return 0;
  }
}
