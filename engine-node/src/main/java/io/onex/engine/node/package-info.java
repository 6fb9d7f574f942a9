/**
 * The runnable node application: {@link io.onex.engine.node.NodeMain} runs an engine node with its
 * HTTP gateway and the {@code history} and {@code journal-server} commands; {@link
 * io.onex.engine.node.NodeConfig} loads the configuration with its environment overlay; {@link
 * io.onex.engine.node.WorkflowProvider} is how a jar of workflow definitions joins a node.
 */
package io.onex.engine.node;
