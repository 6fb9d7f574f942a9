/**
 * Testing workflow definitions without an engine: {@link io.onex.engine.testkit.Scenario} runs a
 * reducer through the same machine the engine uses, in plain JUnit tests.
 */
package io.onex.engine.testkit;
