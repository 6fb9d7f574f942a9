/**
 * The benchmark command ({@code java -jar benchmarks/target/onex-bench.jar}): the engine's
 * throughput, latency, recovery time and memory, each measured beside raw Pekko persistence on the
 * same journal so that the engine's own cost shows as a ratio.
 */
package io.onex.engine.benchmarks;
