package io.onex.engine.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.error.FieldViolation;
import io.onex.engine.core.error.InvalidSpecException;
import io.onex.engine.orchestrator.testing.SpecNode;
import io.onex.engine.orchestrator.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Step conditions cannot reach outside the instance: object creation, assignments, loops, local
 * variables, lambdas, pragmas and annotations are refused when the spec is registered; a method
 * call that would reach Java classes by reflection compiles but is denied when evaluated (the step
 * is skipped and nothing happens); and a method that mutates what the condition reads changes only
 * the condition's own copy, never the instance's state.
 */
class ConditionSafetyTest {

  @TempDir static Path dataDir;
  static TestServices services;
  static SpecNode node;

  @BeforeAll
  static void start() {
    services = new TestServices();
    node = SpecNode.start(SpecNode.config(dataDir, services, Map.of()));
  }

  @AfterAll
  static void stop() {
    node.close();
    services.close();
  }

  /** A spec of {@code type} with one step {@code guarded} run when {@code condition} holds. */
  static ObjectNode specWithCondition(String type, String condition) {
    ObjectNode spec =
        (ObjectNode)
            WorkflowSpecs.read(
                """
                {"type": "%s", "version": 1,
                 "steps": [
                   {"name": "guarded", "handler": "http", "target": "work",
                    "metadata": {"path": "/%s-guarded"}},
                   {"name": "after", "handler": "http", "target": "work",
                    "metadata": {"path": "/%s-after"}, "input": {"total.$": "/input/total"}}
                 ]}
                """
                    .formatted(type, type, type));
    ((ObjectNode) spec.withArray("steps").get(0)).put("when", condition);
    return spec;
  }

  static InstanceView run(String type, String id, String input) {
    return node.run(type, id, input);
  }

  @Nested
  class AtRegistration {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "new('java.io.File', '/tmp/onex-condition') != null",
          "input.total = 5",
          "input.total += 1",
          "input.total++ > 0",
          "x = 1",
          "while (true) {}",
          "for (i : [1, 2]) {}",
          "var y = 1",
          "(x -> x)(true)",
          "function(x) { x }",
          "#pragma jexl.safe false\ntrue",
          "@silent true",
          "java.lang.System.exit(1) == null"
        })
    void shouldRefuseTheSpecWhenItsConditionHasAForbiddenConstruct(String condition) {
      // given
      String type = "forbidden-" + Integer.toHexString(condition.hashCode());
      ObjectNode spec = specWithCondition(type, condition);

      // when
      // then
      assertThatThrownBy(() -> node.specs().register(type, 1, spec).toCompletableFuture().join())
          .rootCause()
          .isInstanceOfSatisfying(
              InvalidSpecException.class,
              refused ->
                  assertThat(refused.violations())
                      .extracting(FieldViolation::pointer)
                      .containsExactly("/steps/0/when"));
      assertThat(node.specs().isSpec(type, 1)).isFalse();
      assertThat(node.engine().registry().contains(type)).isFalse();
    }
  }

  @Nested
  class WhenEvaluated {

    @TempDir Path scratch;

    @Test
    void shouldSkipTheStepWithoutRunningACommandWhenTheConditionReachesJavaByReflection() {
      // given a condition that holds only if it could run a process
      Path marker = scratch.resolve("pwned");
      String condition =
          "''.getClass().forName('java.lang.Runtime').getRuntime().exec(['touch', '"
              + marker
              + "']) != null";
      node.specs()
          .register("reflective", 1, specWithCondition("reflective", condition))
          .toCompletableFuture()
          .join();

      // when
      InstanceView done = run("reflective", "rf-1", "{\"total\": 7}");

      // then
      assertThat(done.status()).isEqualTo(InstanceStatus.COMPLETED);
      assertThat(done.state().at("/steps/guarded/status").asText()).isEqualTo("SKIPPED");
      assertThat(services.calls("work/reflective-guarded")).isEmpty();
      assertThat(Files.exists(marker)).isFalse();
    }

    @Test
    void shouldLeaveTheInstancesInputIntactWhenTheConditionCallsAMutatingMethod() {
      // given a condition that removes what it reads from the map it is given
      node.specs()
          .register("mutating", 1, specWithCondition("mutating", "input.remove('total') != null"))
          .toCompletableFuture()
          .join();

      // when
      InstanceView done = run("mutating", "mu-1", "{\"total\": 7}");

      // then the removal touched only the condition's copy of the context
      assertThat(done.status()).isEqualTo(InstanceStatus.COMPLETED);
      assertThat(done.state().at("/steps/guarded/status").asText()).isEqualTo("COMPLETED");
      assertThat(done.state().at("/input/total").asInt()).isEqualTo(7);
      assertThat(services.calls("work/mutating-after"))
          .singleElement()
          .satisfies(c -> assertThat(c.body().path("total").asInt()).isEqualTo(7));
    }
  }
}
