package io.onex.engine.samples.onboarding;

import io.onex.engine.core.ReduceContext;
import io.onex.engine.core.Reducer;
import io.onex.engine.core.Rejection;
import io.onex.engine.core.Transition;
import io.onex.engine.samples.onboarding.OnboardingAction.Abandon;
import io.onex.engine.samples.onboarding.OnboardingAction.Activate;
import io.onex.engine.samples.onboarding.OnboardingAction.AssignRole;
import io.onex.engine.samples.onboarding.OnboardingAction.VerifyEmail;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The onboarding's rules: the email is verified once; a role can be assigned only to a verified
 * user; activation needs both. Verification emits a welcome notification, the role a permission
 * grant. Pure.
 */
public final class OnboardingReducer implements Reducer<OnboardingState, OnboardingAction> {

  @Override
  public Optional<Rejection> validate(
      OnboardingState state, OnboardingAction action, ReduceContext context) {
    String id = context.instanceId();
    if (action instanceof VerifyEmail && state.emailVerified()) {
      return reject(
          "email-already-verified",
          "Expected the email of onboarding '" + id + "' to be unverified, but it was verified");
    }
    if (action instanceof AssignRole && !state.emailVerified()) {
      return reject(
          "email-not-verified",
          "Expected onboarding '" + id + "' to have a verified email before a role is assigned");
    }
    if (action instanceof AssignRole && state.role() != null) {
      return reject(
          "role-already-assigned",
          "Expected onboarding '"
              + id
              + "' to have no role yet, but it has '"
              + state.role()
              + "'");
    }
    if (action instanceof Activate && (!state.emailVerified() || state.role() == null)) {
      return reject(
          "onboarding-incomplete",
          "Expected onboarding '"
              + id
              + "' to have a verified email and a role before"
              + " activation, but "
              + (state.emailVerified() ? "it has no role" : "the email is unverified"));
    }
    return Optional.empty();
  }

  @Override
  public Transition<OnboardingState> reduce(
      OnboardingState state, OnboardingAction action, ReduceContext context) {
    if (action instanceof VerifyEmail) {
      var welcome =
          context
              .intent("notification", "email")
              .payload(Map.of("to", state.email(), "template", "welcome", "name", state.name()))
              .build();
      return Transition.to(state.verified()).emit(welcome);
    }
    if (action instanceof AssignRole assign) {
      var grant =
          context
              .intent("jdbc", "permissions")
              .payload(
                  Map.of(
                      "sql",
                      "INSERT INTO user_roles (email, role) VALUES (?, ?)",
                      "params",
                      List.of(state.email(), assign.role())))
              .build();
      return Transition.to(state.withRole(assign.role())).emit(grant);
    }
    if (action instanceof Activate) {
      return Transition.to(state.activated()).complete();
    }
    return Transition.to(state).cancel(((Abandon) action).reason());
  }

  private static Optional<Rejection> reject(String reason, String message) {
    return Optional.of(new Rejection(reason, message));
  }
}
