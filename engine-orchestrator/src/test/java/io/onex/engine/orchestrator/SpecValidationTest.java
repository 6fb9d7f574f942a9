package io.onex.engine.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.engine.core.error.FieldViolation;
import io.onex.engine.core.error.InvalidSpecException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Specs that cannot run are refused, with a JSON pointer for each thing wrong. */
class SpecValidationTest {

  static final Set<String> HANDLERS = Set.of("http", "compute", "workflow");

  static List<FieldViolation> violations(String text) {
    try {
      WorkflowSpecs.validate(WorkflowSpecs.read(text), HANDLERS);
    } catch (InvalidSpecException e) {
      return e.violations();
    }
    throw new AssertionError("expected the spec to be refused: " + text);
  }

  @Test
  void aDependencyCycleIsRefusedNamingTheCycle() {
    assertThat(
            violations(
                """
                {"type": "loop", "version": 1, "coordination": "PARALLEL", "steps": [
                  {"name": "a", "handler": "http", "target": "t", "dependsOn": ["c"]},
                  {"name": "b", "handler": "http", "target": "t", "dependsOn": ["a"]},
                  {"name": "c", "handler": "http", "target": "t", "dependsOn": ["b"]}]}
                """))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.pointer()).isEqualTo("/steps/0/dependsOn");
              assertThat(v.message()).contains("cycle: a -> c -> b -> a");
            });
  }

  @Test
  void anUnknownHandlerAnUnknownDependencyAndBadPointersAreEachNamed() {
    assertThat(
            violations(
                """
                {"type": "bad", "version": 1, "coordination": "PARALLEL", "steps": [
                  {"name": "a", "handler": "smoke-signals", "target": "t"},
                  {"name": "b", "handler": "http", "target": "t", "dependsOn": ["nope"]},
                  {"name": "c", "handler": "http", "target": "t",
                   "input": {"x.$": "/steps/a/result", "y.$": "/nowhere/z", "z.$": "items"}},
                  {"name": "d", "handler": "http", "target": "t", "dependsOn": ["a"],
                   "input": {"ok.$": "$.steps.a.result"}, "when": "steps.b.status == 'COMPLETED'"}]}
                """))
        .extracting(FieldViolation::pointer)
        .containsExactlyInAnyOrder(
            "/steps/0/handler",
            "/steps/1/dependsOn/0",
            "/steps/2/input/x.$",
            "/steps/2/input/y.$",
            "/steps/2/input/z.$",
            "/steps/3/when");
  }

  @Test
  void schemaViolationsAreReportedWithTheirPointers() {
    assertThat(
            violations(
                """
                {"type": "bad", "version": 0, "steps": [
                  {"handler": "http", "target": "t", "onFailure": "panic"}], "colour": "red"}
                """))
        .extracting(FieldViolation::pointer)
        .contains("/version", "/steps/0/name", "/steps/0/onFailure", "");
  }

  @Test
  void aStepMustBeExactlyOneKindAndSettingsMustFitTheCoordination() {
    assertThat(
            violations(
                """
                {"type": "mixed", "version": 1, "steps": [
                  {"name": "a", "handler": "http", "target": "t", "timer": "1s"},
                  {"name": "b", "handler": "http", "target": "t", "dependsOn": ["a"]},
                  {"name": "c", "wait": {"action": "Cancel"}}]}
                """))
        .extracting(FieldViolation::pointer)
        .containsExactlyInAnyOrder("/steps/0", "/steps/1/dependsOn", "/steps/2/wait/action");
  }

  @Test
  void notJsonNorYamlIsRefused() {
    assertThatThrownBy(() -> WorkflowSpecs.read("{not json"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("not valid JSON or YAML");
  }

  @Test
  void aYamlSpecReadsLikeItsJson() {
    WorkflowSpec spec =
        WorkflowSpecs.validate(
            WorkflowSpecs.read(
                """
                type: greet
                version: 3
                coordination: PARALLEL
                steps:
                  - name: hello
                    handler: http
                    target: t
                  - name: bye
                    handler: http
                    target: t
                    dependsOn: [hello]
                    onFailure: skip
                """),
            HANDLERS);
    assertThat(spec.version()).isEqualTo(3);
    assertThat(spec.steps().get(1).dependsOn()).containsExactly("hello");
    assertThat(spec.steps().get(1).onFailure()).isEqualTo(FailurePolicy.SKIP);
  }

  @Test
  void engineMetadataKeysWaitsWithTriggersConditionsInPipelinesAndBadRetriesAreRefused() {
    assertThat(
            violations(
                """
                {"type": "odd", "version": 1, "coordination": "EVENT_DRIVEN", "steps": [
                  {"name": "a", "handler": "http", "target": "t", "metadata": {"onex.chunk": "x"}},
                  {"name": "b", "wait": {"action": "Go"}, "on": {"action": "Start"}},
                  {"name": "c", "handler": "http", "target": "t", "retry": {"attemptTimeout": "0s"}}]}
                """))
        .extracting(FieldViolation::pointer)
        .containsExactlyInAnyOrder("/steps/0/metadata/onex.chunk", "/steps/1/on", "/steps/2/retry");
    assertThat(
            violations(
                """
                {"type": "odd", "version": 1, "coordination": "PIPELINE",
                 "pipeline": {"items": "/input/items", "chunkSize": 1000000},
                 "steps": [{"name": "a", "handler": "http", "target": "t", "when": "true"}]}
                """))
        .extracting(FieldViolation::pointer)
        .contains("/pipeline/chunkSize");
    assertThat(
            violations(
                """
                {"type": "odd", "version": 1, "coordination": "PIPELINE",
                 "pipeline": {"items": "/input/items"},
                 "steps": [{"name": "a", "handler": "http", "target": "t", "when": "true"}]}
                """))
        .extracting(FieldViolation::pointer)
        .containsExactly("/steps/0/when");
  }
}
