package io.onex.engine.samples.onboarding;

/** What an onboarding starts with: the new user's email and name. */
public record OnboardingStart(String email, String name) {}
