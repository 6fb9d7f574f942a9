package io.onex.engine.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.error.DependencyUnavailableException;
import io.onex.engine.core.error.InstanceNotFoundException;
import io.onex.engine.orchestrator.testing.SpecNode;
import io.onex.engine.orchestrator.testing.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-time dependency check: a spec instance whose step needs an effect handler this node
 * lacks, or calls a target whose circuit breaker is open, is refused before it is created, naming
 * the missing dependency ({@code handler:<type>}, {@code breaker:<handler>:<target>}).
 */
class StartDependencyTest {

  @TempDir Path dataDir;
  TestServices services;

  @BeforeEach
  void startServices() {
    services = new TestServices();
  }

  @AfterEach
  void stopServices() {
    services.close();
  }

  static InstanceView start(SpecNode node, String type, String id) {
    return node.engine()
        .client()
        .start(type, StartRequest.of(id, Map.of()))
        .toCompletableFuture()
        .join();
  }

  static InstanceView view(SpecNode node, String type, String id) {
    return node.engine().client().get(type, id).toCompletableFuture().join();
  }

  @Nested
  class MissingHandler {

    static final String SPEC =
        """
        {"type": "fancy-work", "version": 1,
         "steps": [{"name": "decorate", "handler": "fancy", "target": "anything"}]}
        """;

    /** A node with the orchestrator and, when {@code withFancy}, the {@code fancy} handler. */
    SpecNode node(boolean withFancy) {
      return SpecNode.start(
          SpecNode.config(dataDir, services, Map.of()),
          builder -> withFancy ? builder.handler(system -> new FancyHandler()) : builder);
    }

    @Test
    void shouldRefuseTheStartNamingTheHandlerWhenThisNodeDoesNotHaveIt() {
      // given a spec registered where the handler exists, and a node started later without it
      try (SpecNode withFancy = node(true)) {
        withFancy
            .specs()
            .register("fancy-work", 1, WorkflowSpecs.read(SPEC))
            .toCompletableFuture()
            .join();
      }

      try (SpecNode withoutFancy = node(false)) {
        assertThat(withoutFancy.specs().isSpec("fancy-work", 1)).isTrue();

        // when
        // then
        assertThatThrownBy(() -> start(withoutFancy, "fancy-work", "f-2"))
            .rootCause()
            .isInstanceOfSatisfying(
                DependencyUnavailableException.class,
                refused -> assertThat(refused.dependency()).isEqualTo("handler:fancy"))
            .hasMessageContaining("handler:fancy")
            .hasMessageContaining("step 'decorate' needs effect handler 'fancy'");
        assertThatThrownBy(() -> view(withoutFancy, "fancy-work", "f-2"))
            .hasRootCauseInstanceOf(InstanceNotFoundException.class);
      }
    }
  }

  @Nested
  class OpenBreaker {

    static final String SPEC =
        """
        {"type": "calls-dead", "version": 1,
         "steps": [{"name": "call", "handler": "http", "target": "dead",
                    "metadata": {"path": "/anything"}, "retry": {"maxAttempts": 1}}]}
        """;

    @Test
    void shouldRefuseTheStartNamingTheBreakerWhenTheTargetsBreakerIsOpen() {
      // given a breaker that opens after one failure and stays open, on a target nobody listens at
      Map<String, Object> settings =
          Map.of(
              "onex.effects.circuit-breaker.max-failures",
              1,
              "onex.effects.circuit-breaker.reset-timeout",
              "1h",
              "onex.handlers.http.targets.dead",
              "http://127.0.0.1:" + deadPort());
      try (SpecNode node = SpecNode.start(SpecNode.config(dataDir, services, settings))) {
        node.specs()
            .register("calls-dead", 1, WorkflowSpecs.read(SPEC))
            .toCompletableFuture()
            .join();
        start(node, "calls-dead", "d-1");
        InstanceView failed =
            node.engine()
                .client()
                .instance("calls-dead", "d-1")
                .awaitEnd(Duration.ofSeconds(30))
                .toCompletableFuture()
                .join();
        assertThat(failed.status()).isEqualTo(InstanceStatus.FAILED);
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> "OPEN".equals(node.engine().operations().circuitBreakers().get("http:dead")));

        // when
        // then
        assertThatThrownBy(() -> start(node, "calls-dead", "d-2"))
            .rootCause()
            .isInstanceOfSatisfying(
                DependencyUnavailableException.class,
                refused -> assertThat(refused.dependency()).isEqualTo("breaker:http:dead"))
            .hasMessageContaining("circuit breaker is open");
        assertThatThrownBy(() -> view(node, "calls-dead", "d-2"))
            .hasRootCauseInstanceOf(InstanceNotFoundException.class);
      }
    }
  }

  /** A port nothing listens on: bound once by the system, then released. */
  static int deadPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An effect handler of type {@code fancy} that answers at once. */
  static final class FancyHandler implements EffectHandler {

    @Override
    public String handlerType() {
      return "fancy";
    }

    @Override
    public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
      return CompletableFuture.completedFuture(EffectResult.of(request.payload()));
    }

    @Override
    public HandlerDescription describe() {
      return new HandlerDescription("fancy", "answers with its payload", Map.of());
    }
  }
}
