/**
 * The node registry: which engine nodes exist, what they are ({@link
 * io.onex.engine.cluster.registry.NodeType}, environment, group, capabilities), whether they are
 * alive and healthy, and a stream of changes to watch. {@link
 * io.onex.engine.cluster.registry.NodeRegistry#create} starts it as a Pekko cluster singleton; a
 * node keeps itself registered with {@link
 * io.onex.engine.cluster.registry.NodeRegistry#startAgent}.
 */
package io.onex.engine.cluster.registry;
