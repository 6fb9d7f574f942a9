package io.onex.engine.samples.onboarding;

/**
 * An onboarding: who is being onboarded, whether their email is verified, their role (null until
 * assigned) and whether the account is active. Immutable.
 */
public record OnboardingState(
    String email, String name, boolean emailVerified, String role, boolean active) {

  static OnboardingState registered(OnboardingStart start) {
    return new OnboardingState(start.email(), start.name(), false, null, false);
  }

  OnboardingState verified() {
    return new OnboardingState(email, name, true, role, active);
  }

  OnboardingState withRole(String newRole) {
    return new OnboardingState(email, name, emailVerified, newRole, active);
  }

  OnboardingState activated() {
    return new OnboardingState(email, name, emailVerified, role, true);
  }
}
