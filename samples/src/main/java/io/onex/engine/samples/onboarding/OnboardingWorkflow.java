package io.onex.engine.samples.onboarding;

import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.samples.JsonSchemas;
import io.onex.engine.samples.onboarding.OnboardingAction.Abandon;
import io.onex.engine.samples.onboarding.OnboardingAction.Activate;
import io.onex.engine.samples.onboarding.OnboardingAction.AssignRole;
import io.onex.engine.samples.onboarding.OnboardingAction.VerifyEmail;

/** The {@code onboarding} workflow type, version 1. */
public final class OnboardingWorkflow {

  /** The workflow type's name. */
  public static final String TYPE = "onboarding";

  private OnboardingWorkflow() {}

  public static WorkflowDefinition<OnboardingState, OnboardingAction> definition() {
    return WorkflowDefinition.<OnboardingState, OnboardingAction>builder(TYPE, 1)
        .description("User onboarding: verify the email, assign a role, activate")
        .state(OnboardingState.class, JsonSchemas.parse(STATE_SCHEMA))
        .start(
            OnboardingStart.class,
            JsonSchemas.parse(START_SCHEMA),
            (input, context) -> OnboardingState.registered(input))
        .action("VerifyEmail", VerifyEmail.class, JsonSchemas.parse(VERIFY_SCHEMA))
        .action("AssignRole", AssignRole.class, JsonSchemas.parse(ROLE_SCHEMA))
        .action("Activate", Activate.class, JsonSchemas.parse(JsonSchemas.NO_PAYLOAD))
        .action("Abandon", Abandon.class, JsonSchemas.parse(JsonSchemas.REASON_ONLY))
        .reducer(new OnboardingReducer())
        .build();
  }

  private static final String START_SCHEMA =
      """
      {"type": "object",
       "properties": {
         "email": {"type": "string", "pattern": "^[^@\\\\s]+@[^@\\\\s]+$", "maxLength": 254},
         "name": {"type": "string", "minLength": 1, "maxLength": 200}},
       "required": ["email", "name"], "additionalProperties": false}
      """;

  private static final String VERIFY_SCHEMA =
      """
      {"type": "object",
       "properties": {"code": {"type": "string", "pattern": "^[0-9]{6}$"}},
       "required": ["code"], "additionalProperties": false}
      """;

  private static final String ROLE_SCHEMA =
      """
      {"type": "object",
       "properties": {"role": {"enum": ["user", "admin", "auditor"]}},
       "required": ["role"], "additionalProperties": false}
      """;

  private static final String STATE_SCHEMA =
      """
      {"type": "object",
       "properties": {
         "email": {"type": "string"}, "name": {"type": "string"},
         "emailVerified": {"type": "boolean"}, "role": {"type": ["string", "null"]},
         "active": {"type": "boolean"}},
       "required": ["email", "name", "emailVerified", "active"]}
      """;
}
