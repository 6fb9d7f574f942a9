package io.onex.engine.samples.onboarding;

/** The actions an onboarding accepts. */
public sealed interface OnboardingAction {

  /** The user proved they own their email address with the code sent to it. */
  record VerifyEmail(String code) implements OnboardingAction {}

  /** Gives the user {@code role}. */
  record AssignRole(String role) implements OnboardingAction {}

  /** Activates the account; the onboarding completes. */
  record Activate() implements OnboardingAction {}

  /** Abandons the onboarding for {@code reason}. */
  record Abandon(String reason) implements OnboardingAction {}
}
