package io.onex.engine.node.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
    Served served = serve(port, dir, allowOthers);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  served.close();
                  stopped.countDown();
                }));
    out.println(
        "Journal server listening on port "
            + served.port()
            + ", files in "
            + dir.toAbsolutePath()
            + "; start nodes with ONEX_JOURNAL_URL="
            + served.url());
    out.flush();
    stopped.await();
    return 0;
  }

  /**
   * Serves the journal database {@code onex} from {@code dir} on {@code port} (0 picks a free one)
   * until the returned handle is closed.
   */
  public static Served serve(int port, Path dir, boolean allowOthers) throws SQLException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-tcpPort",
                String.valueOf(port),
                "-baseDir",
                dir.toAbsolutePath().toString(),
                "-ifNotExists"));
    if (allowOthers) {
      args.add("-tcpAllowOthers");
    }
    Server server = Server.createTcpServer(args.toArray(String[]::new)).start();
    String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/onex";
    try {
      // Holding a connection keeps the database open between nodes' connections, with the write
      // delay off for every one of them.
      return new Served(server, url, DriverManager.getConnection(url + ";WRITE_DELAY=0", "sa", ""));
    } catch (SQLException e) {
      server.stop();
      throw e;
    }
  }

  /** A running journal server. */
  public static final class Served implements AutoCloseable {
    private final Server server;
    private final String url;
    private final Connection holder;

    private Served(Server server, String url, Connection holder) {
      this.server = server;
      this.url = url;
      this.holder = holder;
    }

    /** The port it listens on. */
    public int port() {
      return server.getPort();
    }

    /** The JDBC URL nodes use as {@code ONEX_JOURNAL_URL}. */
    public String url() {
      return url;
    }

    /** Closes the database and stops listening. */
    @Override
    public void close() {
      try {
        holder.close();
      } catch (SQLException ignored) {
        // the server stops next either way
      }
      server.stop();
    }
  }
}
