package io.onex.engine.core.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Plain futures for the completion stages Pekko hands out (asks, {@code Patterns.retry}, circuit
 * breakers). Those stages run every callback given no executor ({@code thenApply}, {@code handle},
 * and so {@code ActorContext.pipeToSelf}) on the JDK's default executor, which on a machine with
 * two cores or fewer starts a new thread per callback. {@link #direct} completes a plain {@link
 * CompletableFuture} on the thread that completes the stage instead, so callbacks chained on it
 * cost no thread.
 */
public final class Stages {

  private Stages() {}

  /** A plain future completed as {@code stage} is, on the thread that completes {@code stage}. */
  public static <T> CompletableFuture<T> direct(CompletionStage<T> stage) {
    CompletableFuture<T> plain = new CompletableFuture<>();
    stage.whenCompleteAsync(
        (value, error) -> {
          if (error != null) {
            plain.completeExceptionally(error);
          } else {
            plain.complete(value);
          }
        },
        Runnable::run);
    return plain;
  }

  /**
   * The error a failed stage stands for: {@code error} without the {@link CompletionException} and
   * {@link ExecutionException} wrappers that completion stages and futures put around it.
   */
  public static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
