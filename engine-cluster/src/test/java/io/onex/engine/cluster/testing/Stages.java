package io.onex.engine.cluster.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Waiting on the engine's stages in tests. */
public final class Stages {

  private Stages() {}

  /** The stage's value, waiting for it. */
  public static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  /** The error the stage failed with; fails the test when it completes normally. */
  public static Throwable failureOf(CompletionStage<?> stage) {
    assertThatThrownBy(() -> await(stage)).isInstanceOf(CompletionException.class);
    return stage
        .toCompletableFuture()
        .handle((value, error) -> error instanceof CompletionException ? error.getCause() : error)
        .join();
  }
}
