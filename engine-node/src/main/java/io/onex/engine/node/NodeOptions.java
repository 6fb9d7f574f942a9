package io.onex.engine.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The options of the node itself (no command): {@code --specs DIR} registers the workflow specs of
 * a directory at start ({@code onex.orchestrator.specs-dir}). Anything else is refused by name.
 *
 * @param specsDir the directory of workflow specs, if given
 */
public record NodeOptions(Optional<Path> specsDir) {

  /** How the node is started, for error messages. */
  public static final String USAGE =
      "Usage: java -jar onex-node.jar [--specs DIR]\n"
          + "       java -jar onex-node.jar journal-server|kafka-broker|events|history ...";

  /** The options {@code args} give; throws {@link IllegalArgumentException} naming a bad one. */
  public static NodeOptions parse(String... args) {
    Optional<Path> specs = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value;
      if (arg.equals("--specs")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--specs needs a directory");
        }
        value = args[++i];
      } else if (arg.startsWith("--specs=")) {
        value = arg.substring("--specs=".length());
      } else {
        throw new IllegalArgumentException("Unknown option '" + arg + "'");
      }
      Path dir = Path.of(value);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(
            "--specs expects a directory of workflow specs, but "
                + dir.toAbsolutePath()
                + " is not one");
      }
      specs = Optional.of(dir);
    }
    return new NodeOptions(specs);
  }

  /** {@code config} with these options over it. */
  public Config applyTo(Config config) {
    return specsDir
        .map(
            dir ->
                config.withValue(
                    "onex.orchestrator.specs-dir",
                    ConfigValueFactory.fromAnyRef(dir.toAbsolutePath().toString())))
        .orElse(config);
  }
}
