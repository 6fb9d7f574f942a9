package io.onex.engine.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A gradual rollout of one version of a workflow type (seed 002's feature flag for gradual
 * migration): {@code percent} of new instances start on {@code version}, chosen by their instance
 * id, so the same id always lands on the same side; the others start on the newest version below
 * it. Running instances are never moved.
 *
 * @param version the version being rolled out
 * @param percent the share of new instances that start on it, 0 to 100
 */
public record Rollout(int version, int percent) {

  public Rollout {
    if (version < 1) {
      throw new IllegalArgumentException("Expected a rollout version >= 1, but got " + version);
    }
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException(
          "Expected a rollout percent from 0 to 100, but got " + percent);
    }
  }

  /**
   * Whether instance {@code instanceId} falls in the rollout's share: its bucket, the first four
   * bytes of the SHA-256 of the id modulo 100, is below {@code percent}. The same on every node and
   * in every release.
   */
  public boolean includes(String instanceId) {
    return bucketOf(instanceId) < percent;
  }

  /** The bucket of {@code instanceId}, 0 to 99. */
  public static int bucketOf(String instanceId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(instanceId.getBytes(StandardCharsets.UTF_8));
      int value =
          ((hash[0] & 0xff) << 24)
              | ((hash[1] & 0xff) << 16)
              | ((hash[2] & 0xff) << 8)
              | (hash[3] & 0xff);
      return Integer.remainderUnsigned(value, 100);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
