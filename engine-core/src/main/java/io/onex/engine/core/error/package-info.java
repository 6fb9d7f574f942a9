/**
 * Every error the engine reports, in one sealed hierarchy under {@link
 * io.onex.engine.core.error.WorkflowException}: one class per problem, each with a stable {@link
 * io.onex.engine.core.error.ErrorCode} and a message saying what was expected, for which instance,
 * and why it did not happen. A request that fails with one of these changed nothing. {@link
 * io.onex.engine.core.error.WorkflowError} carries an error across node boundaries.
 */
package io.onex.engine.core.error;
