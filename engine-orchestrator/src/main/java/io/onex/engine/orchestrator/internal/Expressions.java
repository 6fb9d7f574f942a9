package io.onex.engine.orchestrator.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.json.EngineJson;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expressions of spec templates: a JSON pointer ({@code /input/items}) or a JSONPath ({@code
 * $.steps.reserve.result.id}) into a step's context document. In a template, the value of every key
 * ending in {@code .$} is an expression, and the key without the suffix takes its value; everything
 * else is copied as written. A template that is itself a string is one expression. Pure and
 * thread-safe.
 */
@InternalApi
public final class Expressions {

  /** The suffix marking a template key whose value is an expression. */
  public static final String SUFFIX = ".$";

  private static final Configuration JSON_PATH =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(EngineJson.mapper()))
          .mappingProvider(new JacksonMappingProvider(EngineJson.mapper()))
          .options(Option.SUPPRESS_EXCEPTIONS)
          .build();

  private static final Pattern PATH_HEAD =
      Pattern.compile(
          "^\\$(?:\\.([A-Za-z_][A-Za-z0-9_-]*)|\\['([^']+)'\\])(?:\\.([A-Za-z_][A-Za-z0-9_-]*)|\\['([^']+)'\\])?");

  private Expressions() {}

  /** {@code template} with every expression replaced by its value in {@code context}. */
  public static JsonNode render(JsonNode template, JsonNode context) {
    if (template == null || template.isNull() || template.isMissingNode()) {
      return NullNode.getInstance();
    }
    if (template.isTextual()) {
      return evaluate(template.asText(), context);
    }
    return renderNested(template, context);
  }

  private static JsonNode renderNested(JsonNode template, JsonNode context) {
    if (template.isObject()) {
      ObjectNode out = EngineJson.mapper().createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        if (key.endsWith(SUFFIX) && field.getValue().isTextual()) {
          out.set(
              key.substring(0, key.length() - SUFFIX.length()),
              evaluate(field.getValue().asText(), context));
        } else {
          out.set(key, renderNested(field.getValue(), context));
        }
      }
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = EngineJson.mapper().createArrayNode();
      template.forEach(element -> out.add(renderNested(element, context)));
      return out;
    }
    return template;
  }

  /**
   * The value of {@code expression} in {@code context}; JSON null where it finds nothing. An
   * expression that cannot be evaluated (a JSONPath function over the wrong values) throws {@link
   * IllegalArgumentException} naming it.
   */
  public static JsonNode evaluate(String expression, JsonNode context) {
    try {
      if (expression.startsWith("$")) {
        JsonNode value = JsonPath.using(JSON_PATH).parse(context).read(expression, JsonNode.class);
        return value == null ? NullNode.getInstance() : value;
      }
      JsonNode value = context.at(JsonPointer.compile(expression));
      return value.isMissingNode() ? NullNode.getInstance() : value;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "expression '" + expression + "' could not be evaluated: " + e.getMessage(), e);
    }
  }

  /**
   * Calls {@code visitor} with every expression of {@code template} and the JSON pointer, under
   * {@code at}, of the field holding it.
   */
  public static void forEach(JsonNode template, String at, BiConsumer<String, String> visitor) {
    if (template == null) {
      return;
    }
    if (template.isTextual()) {
      visitor.accept(template.asText(), at);
      return;
    }
    visitNested(template, at, visitor);
  }

  private static void visitNested(
      JsonNode template, String at, BiConsumer<String, String> visitor) {
    if (template.isObject()) {
      template
          .fields()
          .forEachRemaining(
              field -> {
                String pointer = at + "/" + escape(field.getKey());
                if (field.getKey().endsWith(SUFFIX)) {
                  visitor.accept(
                      field.getValue().isTextual() ? field.getValue().asText() : null, pointer);
                } else {
                  visitNested(field.getValue(), pointer, visitor);
                }
              });
    } else if (template.isArray()) {
      for (int i = 0; i < template.size(); i++) {
        visitNested(template.get(i), at + "/" + i, visitor);
      }
    }
  }

  /**
   * The first two names an expression reads ({@code ["steps", "reserve"]} for {@code
   * /steps/reserve/result} or {@code $.steps.reserve.result}); throws {@link
   * IllegalArgumentException} saying what is wrong with a malformed expression.
   */
  public static List<String> head(String expression) {
    if (expression == null || expression.isEmpty()) {
      throw new IllegalArgumentException("an expression must be a JSON pointer or a JSONPath");
    }
    if (expression.startsWith("$")) {
      try {
        JsonPath.compile(expression);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException(
            "invalid JSONPath '" + expression + "': " + e.getMessage());
      }
      Matcher m = PATH_HEAD.matcher(expression);
      if (!m.find()) {
        throw new IllegalArgumentException(
            "JSONPath '" + expression + "' must begin with a name, such as $.input or $.steps.x");
      }
      String first = m.group(1) != null ? m.group(1) : m.group(2);
      String second = m.group(3) != null ? m.group(3) : m.group(4);
      return second == null ? List.of(first) : List.of(first, second);
    }
    if (!expression.startsWith("/")) {
      throw new IllegalArgumentException(
          "'" + expression + "' is neither a JSON pointer (/...) nor a JSONPath ($...)");
    }
    JsonPointer pointer;
    try {
      pointer = JsonPointer.compile(expression);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid JSON pointer '" + expression + "': " + e.getMessage());
    }
    String first = pointer.getMatchingProperty();
    JsonPointer rest = pointer.tail();
    String second = rest == null || rest.matches() ? null : rest.getMatchingProperty();
    return second == null ? List.of(first) : List.of(first, second);
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
