package io.onex.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.kafka.LocalKafkaBroker;
import io.onex.engine.node.cli.EventsCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code events publish} sends each line of its input as one message and {@code events tail} prints
 * each message value on one line, exiting after {@code --max} messages or {@code --timeout}.
 */
class EventsCommandTest {

  @TempDir static Path dir;
  private static LocalKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = LocalKafkaBroker.start(0, dir, 1);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String input, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    int exit = EventsCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), in, args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void shouldPublishEachLineAndTailThemBackOneALine() {
    String bootstrap = broker.bootstrapServers();
    Run published =
        run(
            "{\"n\":1}\n{\"n\":2}\n\n{\"n\":3}\n",
            "publish",
            "--bootstrap",
            bootstrap,
            "--topic",
            "cli.lines",
            "--key",
            "k-1");
    assertThat(published.exit()).isZero();
    assertThat(published.err()).contains("Published 3 message(s) to cli.lines");

    Run tailed =
        run(
            "",
            "tail",
            "--bootstrap",
            bootstrap,
            "--topic",
            "cli.lines",
            "--from-beginning",
            "--max",
            "2",
            "--timeout",
            "30s");
    assertThat(tailed.exit()).isZero();
    assertThat(tailed.out().lines()).containsExactly("{\"n\":1}", "{\"n\":2}");

    Run all =
        run(
            "",
            "tail",
            "--bootstrap",
            bootstrap,
            "--topic",
            "cli.lines",
            "--from-beginning",
            "--timeout",
            "3s");
    assertThat(all.exit()).isZero();
    assertThat(all.out().lines()).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
  }

  @Test
  void shouldPrintOnlyNewMessagesWithoutFromBeginningAndStopAtTheTimeout() {
    String bootstrap = broker.bootstrapServers();
    run("old\n", "publish", "--bootstrap", bootstrap, "--topic", "cli.new");
    long started = System.nanoTime();
    Run tailed = run("", "tail", "--bootstrap", bootstrap, "--topic", "cli.new", "--timeout", "2s");
    assertThat(tailed.exit()).isZero();
    assertThat(tailed.out()).isEmpty();
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(15_000);
  }

  @Test
  void shouldRefuseAMissingTopicWithUsage() {
    Run refused = run("", "tail", "--bootstrap", broker.bootstrapServers());
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("--topic");
    Run bad =
        run(
            "",
            "tail",
            "--bootstrap",
            broker.bootstrapServers(),
            "--topic",
            "t",
            "--timeout",
            "soon");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--timeout");
  }
}
