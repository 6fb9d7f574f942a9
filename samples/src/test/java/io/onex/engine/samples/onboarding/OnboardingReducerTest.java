package io.onex.engine.samples.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.testkit.Scenario;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OnboardingReducerTest {

  private Scenario<OnboardingState, OnboardingAction> onboarding;

  @BeforeEach
  void register() {
    onboarding =
        Scenario.of(OnboardingWorkflow.definition(), "u-1")
            .givenStarted(Map.of("email", "ada@example.com", "name", "Ada"));
  }

  @Test
  void shouldSendAWelcomeNotificationWhenTheEmailIsVerified() {
    var verified = onboarding.when("VerifyEmail", Map.of("code", "123456"));

    assertThat(verified.state().emailVerified()).isTrue();
    assertThat(verified.intents())
        .singleElement()
        .satisfies(
            intent -> {
              assertThat(intent.type()).isEqualTo("notification");
              assertThat(intent.payload().get("to").asText()).isEqualTo("ada@example.com");
            });
  }

  @Test
  void shouldRejectARoleBeforeTheEmailIsVerified() {
    onboarding.when("AssignRole", Map.of("role", "admin")).expectRejected("email-not-verified");
  }

  @Test
  void shouldRejectVerifyingTwice() {
    onboarding.given("VerifyEmail", Map.of("code", "123456"));

    onboarding
        .when("VerifyEmail", Map.of("code", "654321"))
        .expectRejected("email-already-verified");
  }

  @Test
  void shouldRejectASecondRole() {
    onboarding
        .given("VerifyEmail", Map.of("code", "123456"))
        .given("AssignRole", Map.of("role", "user"));

    onboarding.when("AssignRole", Map.of("role", "admin")).expectRejected("role-already-assigned");
  }

  @Test
  void shouldRejectActivationWithoutARole() {
    onboarding.given("VerifyEmail", Map.of("code", "123456"));

    onboarding.when("Activate", Map.of()).expectRejected("onboarding-incomplete");
  }

  @Test
  void shouldGrantTheRoleAndCompleteOnActivation() {
    onboarding.given("VerifyEmail", Map.of("code", "123456"));
    var assigned = onboarding.when("AssignRole", Map.of("role", "auditor"));
    assertThat(assigned.intents()).extracting(Intent::type).containsExactly("jdbc");

    var activated = onboarding.when("Activate", Map.of());

    activated.expectStatus(InstanceStatus.COMPLETED);
    assertThat(activated.state())
        .isEqualTo(new OnboardingState("ada@example.com", "Ada", true, "auditor", true));
  }
}
