package io.onex.engine.effects.handlers;

import io.onex.engine.core.effect.ComputeFunction;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.effects.EffectHandlers;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * Assembles a node's handlers: the application's own first, then each built-in one ({@code log},
 * {@code notification}, {@code http}, {@code jdbc}, {@code compute}) whose type the application did
 * not take. Compute functions run on the {@code onex.compute-dispatcher}, JDBC statements on
 * Pekko's blocking I/O dispatcher.
 */
public final class BuiltInHandlers {

  private BuiltInHandlers() {}

  /** The handlers of a node of {@code system}: {@code own} and the built-in ones it leaves. */
  public static EffectHandlers assemble(
      ActorSystem<?> system,
      List<Function<ActorSystem<?>, EffectHandler>> own,
      Map<String, ComputeFunction> computeFunctions,
      Tracer tracer) {
    ComputeEffectHandler compute =
        new ComputeEffectHandler(
            system,
            system.dispatchers().lookup(DispatcherSelector.fromConfig("onex.compute-dispatcher")));
    computeFunctions.forEach(compute::register);
    EffectHandlers handlers = new EffectHandlers();
    own.forEach(factory -> handlers.register(factory.apply(system)));
    List.of(
            new LogEffectHandler("log"),
            new NotificationEffectHandler(
                system, system.dispatchers().lookup(DispatcherSelector.blocking())),
            new HttpEffectHandler(system, tracer),
            new JdbcEffectHandler(system.dispatchers().lookup(DispatcherSelector.blocking())),
            compute)
        .forEach(
            builtIn -> {
              if (handlers.find(builtIn.handlerType()).isEmpty()) {
                handlers.register(builtIn);
              }
            });
    return handlers;
  }
}
