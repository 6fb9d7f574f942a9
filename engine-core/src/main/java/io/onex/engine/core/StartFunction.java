package io.onex.engine.core;

/**
 * Computes a workflow's initial state from its start input. Pure, like a {@link Reducer}.
 *
 * @param <I> the start input type
 * @param <S> the workflow's state type
 */
@FunctionalInterface
public interface StartFunction<I, S> {

  /** The state a new instance begins with, given what it was started with. */
  S initialState(I input, ReduceContext context);
}
