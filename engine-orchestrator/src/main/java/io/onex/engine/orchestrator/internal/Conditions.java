package io.onex.engine.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.json.EngineJson;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * Step conditions: JEXL expressions over the step context ({@code input}, {@code instance}, {@code
 * steps}, {@code event}), such as {@code input.total > 100 && steps.check.result.ok}. The language
 * is cut down to what cannot reach outside: no assignments or other side effects, no loops, no
 * object creation, no lambdas, no pragmas, and {@link JexlPermissions#RESTRICTED} keeps reflection,
 * I/O, threads and class loading out of reach. So a condition is as pure as the reducer that
 * evaluates it. Thread-safe.
 */
@InternalApi
public final class Conditions {

  private static final JexlFeatures FEATURES =
      new JexlFeatures()
          .sideEffect(false)
          .sideEffectGlobal(false)
          .loops(false)
          .newInstance(false)
          .lambda(false)
          .pragma(false)
          .annotation(false)
          .localVar(false)
          .register(false);

  private static final JexlEngine JEXL =
      new JexlBuilder()
          .features(FEATURES)
          .permissions(JexlPermissions.RESTRICTED)
          .strict(false)
          .safe(true)
          .silent(false)
          .cache(512)
          .create();

  private Conditions() {}

  /** The compiled condition; throws {@link IllegalArgumentException} saying what is wrong. */
  public static JexlScript compile(String condition) {
    try {
      return JEXL.createScript(condition);
    } catch (JexlException e) {
      throw new IllegalArgumentException(
          "invalid condition '" + condition + "': " + e.getMessage());
    }
  }

  /**
   * The top-level names (with the name after each, such as {@code [steps, reserve]}) the condition
   * reads.
   */
  public static Set<List<String>> variables(JexlScript script) {
    return new LinkedHashSet<>(script.getVariables());
  }

  /**
   * Whether {@code condition} holds in {@code context}: true only for a boolean true; anything else
   * (false, null, a number) is false. A condition that fails to evaluate throws {@link
   * IllegalArgumentException} naming it.
   */
  public static boolean holds(JexlScript condition, JsonNode context) {
    @SuppressWarnings("unchecked")
    Map<String, Object> vars = EngineJson.mapper().convertValue(context, Map.class);
    try {
      return Boolean.TRUE.equals(condition.execute(new MapContext(vars)));
    } catch (JexlException e) {
      throw new IllegalArgumentException(
          "condition '" + condition.getSourceText() + "' failed: " + e.getMessage());
    }
  }
}
