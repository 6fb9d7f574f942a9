/**
 * The user-onboarding workflow: a registered user verifies their email, is given a role, and is
 * activated; a welcome notification and the permission grant are intents.
 */
package io.onex.engine.samples.onboarding;
