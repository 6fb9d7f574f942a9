package io.onex.engine.effects.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onex.engine.core.Action;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.IntentPriority;
import io.onex.engine.core.RetryPolicy;
import io.onex.engine.core.effect.EffectException;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.effect.HandlerHealth;
import io.onex.engine.core.effect.IntentProgress;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.effects.EffectHandlers;
import io.onex.engine.effects.ExecutorSettings;
import io.onex.engine.effects.IntentReports;
import io.onex.engine.effects.internal.ExecutorCommand.Execute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The executor on its own: retries, circuit breakers, priorities and outcome delivery. */
class IntentExecutorTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** A handler whose behaviour each test scripts; it records every attempt. */
  private static final class ScriptedHandler implements EffectHandler {
    final List<String> attempts = new CopyOnWriteArrayList<>();
    final List<Instant> attemptTimes = new CopyOnWriteArrayList<>();
    volatile int failuresBeforeSuccess;
    volatile boolean permanentFailure;
    volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
    final Map<String, CompletableFuture<Void>> gates = new ConcurrentHashMap<>();

    @Override
    public String handlerType() {
      return "scripted";
    }

    @Override
    public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
      attempts.add(request.target());
      attemptTimes.add(Instant.now());
      return gates
          .getOrDefault(request.target(), gate)
          .thenApply(
              open -> {
                if (permanentFailure) {
                  throw EffectException.permanent("refused", "no");
                }
                if (attemptsAt(request.target()) <= failuresBeforeSuccess) {
                  throw EffectException.retryable(
                      "flaky", "attempt " + request.attempt() + " failed");
                }
                return EffectResult.of(
                    EngineJson.mapper().createObjectNode().put("ok", request.target()));
              });
    }

    long attemptsAt(String target) {
      return attempts.stream().filter(target::equals).count();
    }

    @Override
    public HandlerDescription describe() {
      return new HandlerDescription("scripted", "test", Map.of());
    }

    @Override
    public CompletionStage<HandlerHealth> healthCheck() {
      return CompletableFuture.completedFuture(HandlerHealth.healthy("ok"));
    }
  }

  private ScriptedHandler handler;
  private Queue<Action> delivered;
  private CircuitBreakers breakers;
  private TestProbe<IntentProgress> instance;
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger unreachableTries = new AtomicInteger();
  private final AtomicInteger deliveryTries = new AtomicInteger();

  @BeforeEach
  void setUp() {
    handler = new ScriptedHandler();
    delivered = new ConcurrentLinkedQueue<>();
    instance = testKit.createTestProbe();
  }

  private ActorRef<ExecutorCommand> executor(int concurrency, int maxFailures, Duration reset) {
    return executor(
        new ExecutorSettings(
            concurrency, concurrency, Map.of(), 3, Duration.ofMillis(50), Duration.ofMillis(200)),
        maxFailures,
        reset);
  }

  private ActorRef<ExecutorCommand> executor(
      ExecutorSettings settings, int maxFailures, Duration reset) {
    breakers =
        new CircuitBreakers(
            testKit.system().classicSystem().scheduler(),
            ConfigFactory.parseMap(
                Map.of(
                    "max-failures",
                    maxFailures,
                    "call-timeout",
                    "1 minute",
                    "reset-timeout",
                    reset.toMillis() + "ms")),
            new SimpleMeterRegistry());
    IntentReports reports =
        new IntentReports() {
          @Override
          public void progress(String workflowType, String instanceId, IntentProgress progress) {
            instance.ref().tell(progress);
          }

          @Override
          public CompletionStage<Void> deliver(String workflowType, String id, Action action) {
            deliveryTries.incrementAndGet();
            if (unreachableTries.getAndDecrement() > 0) {
              return CompletableFuture.failedFuture(new IllegalStateException("unreachable"));
            }
            delivered.add(action);
            return CompletableFuture.completedFuture(null);
          }
        };
    return testKit.spawn(
        ExecutorBehavior.create(
            new EffectHandlers().register(handler),
            breakers,
            reports,
            Clock.systemUTC(),
            settings,
            new SimpleMeterRegistry(),
            io.opentelemetry.api.OpenTelemetry.noop().getTracer("test")));
  }

  private Intent intent(String target, IntentPriority priority, RetryPolicy policy) {
    String id = "intent-" + ids.incrementAndGet();
    return new Intent(
        id, "scripted", target, null, priority, policy, null, "event", "flow", null, null);
  }

  private static final RetryPolicy THREE_ATTEMPTS =
      new RetryPolicy(3, 100, 1_000, 2.0, 0.0, 5_000, List.of());

  private IntentOutcome outcomeOf(Intent intent) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> delivered.stream().anyMatch(a -> a.causationId().equals(intent.intentId())));
    Action action =
        delivered.stream()
            .filter(a -> a.causationId().equals(intent.intentId()))
            .findFirst()
            .orElseThrow();
    Class<? extends IntentOutcome> type =
        action.type().equals(IntentOutcome.SUCCEEDED)
            ? IntentOutcome.Succeeded.class
            : IntentOutcome.Failed.class;
    return EngineJson.mapper().convertValue(action.payload(), type);
  }

  @Nested
  class Retrying {

    @Test
    void shouldSucceedOnTheThirdAttemptWithGrowingDelays() {
      ActorRef<ExecutorCommand> executor = executor(4, 100, Duration.ofSeconds(10));
      handler.failuresBeforeSuccess = 2;
      Intent flaky = intent("flaky", IntentPriority.NORMAL, THREE_ATTEMPTS);

      executor.tell(new Execute("w", "i-1", flaky));

      assertThat(outcomeOf(flaky)).isInstanceOf(IntentOutcome.Succeeded.class);
      assertThat(delivered).hasSize(1);
      assertThat(handler.attempts).hasSize(3);
      Duration firstGap =
          Duration.between(handler.attemptTimes.get(0), handler.attemptTimes.get(1));
      Duration secondGap =
          Duration.between(handler.attemptTimes.get(1), handler.attemptTimes.get(2));
      assertThat(firstGap).isGreaterThanOrEqualTo(Duration.ofMillis(90));
      assertThat(secondGap).isGreaterThanOrEqualTo(Duration.ofMillis(190)).isGreaterThan(firstGap);
      var progress = instance.expectMessageClass(IntentProgress.class);
      assertThat(progress.attempts()).isEqualTo(1);
      assertThat(progress.lastError()).contains("attempt 1 failed");
      assertThat(instance.expectMessageClass(IntentProgress.class).attempts()).isEqualTo(2);
    }

    @Test
    void shouldReportFailureAfterMaxAttempts() {
      ActorRef<ExecutorCommand> executor = executor(4, 100, Duration.ofSeconds(10));
      handler.failuresBeforeSuccess = Integer.MAX_VALUE;
      Intent doomed = intent("doomed", IntentPriority.NORMAL, THREE_ATTEMPTS);

      executor.tell(new Execute("w", "i-1", doomed));

      IntentOutcome outcome = outcomeOf(doomed);
      assertThat(outcome)
          .isInstanceOfSatisfying(
              IntentOutcome.Failed.class,
              failed -> {
                assertThat(failed.attempts()).isEqualTo(3);
                assertThat(failed.error()).contains("flaky").contains("attempt 3 failed");
              });
      assertThat(handler.attempts).hasSize(3);
    }

    @Test
    void shouldNotRetryAPermanentFailure() {
      ActorRef<ExecutorCommand> executor = executor(4, 100, Duration.ofSeconds(10));
      handler.permanentFailure = true;
      Intent refused = intent("refused", IntentPriority.NORMAL, THREE_ATTEMPTS);

      executor.tell(new Execute("w", "i-1", refused));

      assertThat(outcomeOf(refused))
          .isInstanceOfSatisfying(
              IntentOutcome.Failed.class, failed -> assertThat(failed.attempts()).isEqualTo(1));
      assertThat(handler.attempts).hasSize(1);
    }

    @Test
    void shouldRunAnIntentOnceWhileItIsAlreadyQueuedOrRunning() {
      ActorRef<ExecutorCommand> executor = executor(1, 100, Duration.ofSeconds(10));
      handler.gate = new CompletableFuture<>();
      Intent once = intent("once", IntentPriority.NORMAL, THREE_ATTEMPTS);

      executor.tell(new Execute("w", "i-1", once));
      executor.tell(new Execute("w", "i-1", once));
      Awaitility.await().until(() -> handler.attempts.size() == 1);
      handler.gate.complete(null);

      assertThat(outcomeOf(once)).isInstanceOf(IntentOutcome.Succeeded.class);
      assertThat(handler.attempts).hasSize(1);
      assertThat(delivered).hasSize(1);
    }
  }

  @Nested
  class Delivering {

    @Test
    void shouldDeliverAnOutcomeOnceWhenItsInstanceIsUnreachableLongerThanTheAttemptsAllow() {
      // given an instance that cannot be reached for eight tries, more than the three attempts
      ActorRef<ExecutorCommand> executor = executor(4, 100, Duration.ofSeconds(10));
      unreachableTries.set(8);
      Intent intent = intent("patient", IntentPriority.NORMAL, THREE_ATTEMPTS);

      // when
      executor.tell(new Execute("w", "i-1", intent));

      // then the outcome arrives once the instance is reachable again, with no restart
      assertThat(outcomeOf(intent)).isInstanceOf(IntentOutcome.Succeeded.class);
      assertThat(deliveryTries).hasValue(9);
      assertThat(delivered).hasSize(1);
      assertThat(handler.attempts).hasSize(1);

      // and the intent is forgotten only then: handed over again, it runs again
      executor.tell(new Execute("w", "i-1", intent));
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 2);
    }
  }

  @Nested
  class CircuitBreaking {

    @Test
    void shouldFailFastWhileOpenAndCloseAfterTheResetTimeout() {
      ActorRef<ExecutorCommand> executor = executor(1, 2, Duration.ofMillis(800));
      handler.failuresBeforeSuccess = Integer.MAX_VALUE;
      RetryPolicy once = new RetryPolicy(1, 0, 0, 1.0, 0.0, 5_000, List.of());

      for (int i = 0; i < 2; i++) {
        Intent failing = intent("svc", IntentPriority.NORMAL, once);
        executor.tell(new Execute("w", "i-1", failing));
        assertThat(outcomeOf(failing)).isInstanceOf(IntentOutcome.Failed.class);
      }
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(breakers.states()).containsEntry("scripted:svc", "OPEN"));

      Intent failFast = intent("svc", IntentPriority.NORMAL, once);
      executor.tell(new Execute("w", "i-1", failFast));
      assertThat(outcomeOf(failFast))
          .isInstanceOfSatisfying(
              IntentOutcome.Failed.class,
              failed -> assertThat(failed.error()).startsWith("circuit-open"));
      assertThat(handler.attempts).hasSize(2);

      handler.failuresBeforeSuccess = 0;
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !breakers.states().get("scripted:svc").equals("OPEN"));
      Intent afterReset = intent("svc", IntentPriority.NORMAL, once);
      executor.tell(new Execute("w", "i-1", afterReset));
      assertThat(outcomeOf(afterReset)).isInstanceOf(IntentOutcome.Succeeded.class);
      assertThat(breakers.states()).containsEntry("scripted:svc", "CLOSED");
    }
  }

  @Nested
  class Prioritising {

    @Test
    void shouldRunTheMostUrgentWaitingIntentFirst() {
      ActorRef<ExecutorCommand> executor = executor(1, 100, Duration.ofSeconds(10));
      CompletableFuture<Void> blocker = new CompletableFuture<>();
      handler.gate = blocker;
      executor.tell(
          new Execute("w", "i-1", intent("blocker", IntentPriority.NORMAL, THREE_ATTEMPTS)));
      Awaitility.await().until(() -> handler.attempts.size() == 1);
      handler.gate = CompletableFuture.completedFuture(null);

      for (IntentPriority priority :
          List.of(
              IntentPriority.BACKGROUND,
              IntentPriority.LOW,
              IntentPriority.CRITICAL,
              IntentPriority.NORMAL,
              IntentPriority.HIGH)) {
        executor.tell(new Execute("w", "i-1", intent(priority.name(), priority, THREE_ATTEMPTS)));
      }
      blocker.complete(null);

      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 6);
      assertThat(handler.attempts)
          .containsExactly("blocker", "CRITICAL", "HIGH", "NORMAL", "LOW", "BACKGROUND");
    }
  }

  @Nested
  class Bulkheads {

    @Test
    void shouldHoldBackOnlyTheIntentsOfATargetAtItsLimit() {
      ActorRef<ExecutorCommand> executor =
          executor(
              ExecutorSettings.of(10, 2, 3, Duration.ofMillis(50), Duration.ofMillis(200)),
              100,
              Duration.ofSeconds(10));
      CompletableFuture<Void> slow = new CompletableFuture<>();
      handler.gates.put("slow", slow);
      for (int i = 0; i < 4; i++) {
        executor.tell(new Execute("w", "i-1", intent("slow", IntentPriority.HIGH, THREE_ATTEMPTS)));
      }
      Intent fast = intent("fast", IntentPriority.LOW, THREE_ATTEMPTS);
      executor.tell(new Execute("w", "i-2", fast));

      assertThat(outcomeOf(fast)).isInstanceOf(IntentOutcome.Succeeded.class);
      assertThat(handler.attemptsAt("slow")).isEqualTo(2);

      slow.complete(null);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 5);
      assertThat(handler.attemptsAt("slow")).isEqualTo(4);
    }

    @Test
    void shouldHaveManyIntentsOfOneTargetInFlightByDefault() {
      ActorRef<ExecutorCommand> executor =
          executor(
              ExecutorSettings.fromConfig(ConfigFactory.load().getConfig("onex.effects")),
              100,
              Duration.ofSeconds(10));
      CompletableFuture<Void> service = new CompletableFuture<>();
      handler.gates.put("service", service);
      for (int i = 0; i < 500; i++) {
        executor.tell(
            new Execute("w", "i-" + i, intent("service", IntentPriority.NORMAL, THREE_ATTEMPTS)));
      }

      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> handler.attemptsAt("service") == 500);
      assertThat(delivered).isEmpty();
      service.complete(null);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 500);
    }

    @Test
    void shouldReadTheLimitOfANamedTargetAndRefuseALimitBelowOne() {
      Config effects =
          ConfigFactory.parseString("bulkhead.targets { \"http:payments\" = 3 }")
              .withFallback(ConfigFactory.load().getConfig("onex.effects"));
      ExecutorSettings settings = ExecutorSettings.fromConfig(effects);
      assertThat(settings.concurrencyOf("http:payments")).isEqualTo(3);
      assertThat(settings.concurrencyOf("http:inventory")).isEqualTo(1024);

      Config zero =
          ConfigFactory.parseString("bulkhead.targets { \"http:payments\" = 0 }")
              .withFallback(effects);
      assertThatThrownBy(() -> ExecutorSettings.fromConfig(zero))
          .isInstanceOf(ConfigException.BadValue.class)
          .hasMessageContaining("onex.effects.bulkhead.targets.\"http:payments\"");
    }
  }
}
