package io.onex.engine.core.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The places where two JSON documents differ, as JSON Pointers, objects compared by member. */
final class JsonDiff {

  private JsonDiff() {}

  static List<StateDifference> between(JsonNode expected, JsonNode actual) {
    List<StateDifference> differences = new ArrayList<>();
    collect("", expected, actual, differences);
    return differences;
  }

  private static void collect(
      String path, JsonNode expected, JsonNode actual, List<StateDifference> out) {
    if (expected != null && actual != null && expected.isObject() && actual.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        collect(path + "/" + escape(name), expected.get(name), actual.get(name), out);
      }
    } else if (expected != null && actual != null && expected.isArray() && actual.isArray()) {
      int size = Math.max(expected.size(), actual.size());
      for (int i = 0; i < size; i++) {
        collect(path + "/" + i, expected.get(i), actual.get(i), out);
      }
    } else if (expected == null ? actual != null : !expected.equals(actual)) {
      out.add(new StateDifference(path.isEmpty() ? "/" : path, expected, actual));
    }
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
