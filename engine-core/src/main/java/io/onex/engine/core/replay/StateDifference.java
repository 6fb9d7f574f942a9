package io.onex.engine.core.replay;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One place where two JSON documents differ: the JSON Pointer of the place, and the value each has
 * there ({@code null} where the member is missing).
 */
public record StateDifference(String path, JsonNode expected, JsonNode actual) {}
