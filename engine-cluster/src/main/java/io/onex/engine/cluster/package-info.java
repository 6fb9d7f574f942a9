/**
 * The engine as a JVM service uses it: {@link io.onex.engine.cluster.WorkflowEngine} starts a node
 * (hosting instances through Pekko Cluster Sharding, even alone), sends actions and reads state and
 * history with {@link java.util.concurrent.CompletionStage}s.
 */
package io.onex.engine.cluster;
