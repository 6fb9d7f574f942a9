package io.onex.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.client.StartRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --specs DIR}: a node needs no Java for workflows defined as data. */
class SpecsOptionTest {

  @TempDir Path dataDir;
  @TempDir Path specs;

  private Config config(String... args) {
    return NodeOptions.parse(args)
        .applyTo(
            ConfigFactory.parseMap(
                    Map.of(
                        "onex.data-dir", dataDir.toString(),
                        "onex.http.port", 0,
                        "onex.cluster.port", 0))
                .withFallback(NodeConfig.withOverlay("dev")));
  }

  @Test
  void theSpecsOfTheDirectoryAreRegisteredAtStartAndRun() throws Exception {
    Files.writeString(
        specs.resolve("greeting.yaml"),
        """
        type: greeting
        version: 1
        steps:
          - name: wait-a-little
            timer: 100ms
          - name: greet
            handler: log
            target: greetings
            input:
              who.$: /input/who
        """);
    Files.writeString(specs.resolve("notes.txt"), "not a spec");

    try (EngineNode node = EngineNode.start(config("--specs", specs.toString()))) {
      assertThat(node.engine().registry().find("greeting", 1)).isPresent();
      assertThat(node.specs().isSpec("greeting", 1)).isTrue();
      node.engine()
          .client()
          .start("greeting", StartRequest.of("g-1", Map.of("who", "ann")))
          .toCompletableFuture()
          .join();
      assertThat(
              node.engine()
                  .client()
                  .instance("greeting", "g-1")
                  .awaitEnd(Duration.ofSeconds(10))
                  .toCompletableFuture()
                  .join()
                  .status())
          .isEqualTo(InstanceStatus.COMPLETED);
    }
  }

  @Test
  void anInvalidSpecInTheDirectoryStopsTheStartNamingTheFileAndTheField() throws Exception {
    Path bad = specs.resolve("bad.json");
    Files.writeString(
        bad,
        "{\"type\": \"bad\", \"version\": 1, \"steps\": [{\"name\": \"x\", \"handler\": \"pigeon\", \"target\": \"t\"}]}");

    assertThatThrownBy(() -> EngineNode.start(config("--specs=" + specs)))
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("/steps/0/handler");
  }

  @Test
  void badOptionsAreRefusedByName() {
    assertThatThrownBy(() -> NodeOptions.parse("--spec", "x"))
        .hasMessageContaining("Unknown option '--spec'");
    assertThatThrownBy(() -> NodeOptions.parse("--specs"))
        .hasMessageContaining("--specs needs a directory");
    assertThatThrownBy(() -> NodeOptions.parse("--specs", dataDir.resolve("missing").toString()))
        .hasMessageContaining("is not one");
  }
}
