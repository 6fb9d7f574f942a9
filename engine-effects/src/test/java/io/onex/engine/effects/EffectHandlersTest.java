package io.onex.engine.effects;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.Intent;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** What a handler is told of each operation: its target's settings under the intent's own. */
class EffectHandlersTest {

  private static final EffectHandler QUIET =
      new EffectHandler() {
        @Override
        public String handlerType() {
          return "quiet";
        }

        @Override
        public CompletionStage<EffectResult> execute(EffectRequest request, Config config) {
          return CompletableFuture.completedFuture(EffectResult.of(null));
        }

        @Override
        public HandlerDescription describe() {
          return new HandlerDescription("quiet", "does nothing", Map.of());
        }
      };

  private static Intent intent(String target, Map<String, String> metadata) {
    return new Intent("i-1", "quiet", target, null, null, null, null, "e", "f", null, metadata);
  }

  @Test
  void shouldLayTheIntentsMetadataOverItsTargetsSection() {
    // given
    EffectHandlers handlers = new EffectHandlers().register(QUIET);
    handlers.initializeAll(
        ConfigFactory.parseString(
            "onex.handlers.quiet.targets { svc { url = \"http://x\", method = PUT, path = \"/a\" },"
                + " plain = \"http://y\" }"));

    // when
    Config overridden = handlers.operationConfig(intent("svc", Map.of("path", "/b", "step", "s")));
    Config plain = handlers.operationConfig(intent("plain", Map.of("onex.timer", "t-1")));

    // then
    assertThat(overridden.getString("method")).isEqualTo("PUT");
    assertThat(overridden.getString("path")).isEqualTo("/b");
    assertThat(overridden.getString("url")).isEqualTo("http://x");
    assertThat(overridden.getString("step")).isEqualTo("s");
    assertThat(plain.root().keySet()).containsExactly("onex.timer");
  }
}
