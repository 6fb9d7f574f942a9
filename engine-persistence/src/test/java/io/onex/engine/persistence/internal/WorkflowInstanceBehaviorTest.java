package io.onex.engine.persistence.internal;

import static io.onex.engine.core.testing.Actions.action;
import static io.onex.engine.core.testing.Actions.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.onex.engine.core.Action;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.persistence.AwaitingLog;
import io.onex.engine.persistence.DivergenceLog;
import io.onex.engine.persistence.InstanceCommand;
import io.onex.engine.persistence.InstanceNotice;
import io.onex.engine.persistence.InstanceReply;
import io.onex.engine.persistence.InstanceReply.Accepted;
import io.onex.engine.persistence.InstanceReply.Failed;
import io.onex.engine.persistence.InstanceTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WorkflowInstanceBehaviorTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:10Z");

  private EventSourcedBehaviorTestKit<InstanceCommand, WorkflowEvent, InstanceState> instance;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static EventSourcedBehaviorTestKit<InstanceCommand, WorkflowEvent, InstanceState> kit(
      String instanceId, WorkflowRegistry registry) {
    WorkflowRuntime runtime = runtime(registry, 3);
    return EventSourcedBehaviorTestKit.create(
        testKit.system(),
        WorkflowInstanceBehavior.create(CounterWorkflow.TYPE, instanceId, runtime, self -> {}),
        EventSourcedBehaviorTestKit.enabledSerializationSettings()
            .withVerifyState(false)
            .withVerifyEquality(true));
  }

  private static WorkflowRuntime runtime(WorkflowRegistry registry, int snapshotEvery) {
    return new WorkflowRuntime(
        registry,
        Clock.fixed(NOW, ZoneOffset.UTC),
        new WorkflowRuntime.InstanceSettings(
            snapshotEvery,
            2,
            Duration.ofMinutes(2),
            3,
            Duration.ofHours(1),
            Duration.ofMinutes(1),
            true,
            Duration.ofMillis(200),
            Duration.ofSeconds(3),
            4),
        (type, id, intent) -> {},
        DivergenceLog.NONE,
        AwaitingLog.NONE,
        InstanceTelemetry.off());
  }

  @BeforeEach
  void setUp() {
    instance =
        kit(
            "c-" + System.nanoTime(),
            new WorkflowRegistry().register(CounterWorkflow.definition()));
  }

  private CommandResultWithReply<InstanceCommand, WorkflowEvent, InstanceState, InstanceReply> send(
      Action action) {
    return instance.runCommand(replyTo -> new InstanceCommand.Apply(action, replyTo));
  }

  private void startWith(int initial) {
    instance.<InstanceReply>runCommand(
        replyTo -> new InstanceCommand.Start(start(Map.of("initial", initial)), replyTo));
  }

  @Nested
  class Subscribing {

    private TestProbe<InstanceNotice> subscribe() {
      TestProbe<InstanceNotice> subscriber = testKit.createTestProbe(InstanceNotice.class);
      instance.runCommand(new InstanceCommand.Subscribe(subscriber.ref()));
      return subscriber;
    }

    @Test
    void shouldTellASubscriberWhereTheInstanceStandsThenEachJournaledEventThenItsEnd() {
      // given
      startWith(1);
      send(action("Increment", Map.of("by", 1)));

      // when
      TestProbe<InstanceNotice> subscriber = subscribe();
      send(action("Increment", Map.of("by", 2)));
      send(action("Finish", Map.of()));

      // then
      var subscribed = subscriber.expectMessageClass(InstanceNotice.Subscribed.class);
      assertThat(subscribed.journaledUpTo()).isEqualTo(2);
      assertThat(subscribed.instance().status()).isEqualTo(InstanceStatus.RUNNING);
      assertThat(subscriber.expectMessageClass(InstanceNotice.Journaled.class).sequence())
          .isEqualTo(3);
      assertThat(subscriber.expectMessageClass(InstanceNotice.Journaled.class).sequence())
          .isEqualTo(4);
      var ended = subscriber.expectMessageClass(InstanceNotice.Ended.class);
      assertThat(ended.instance().status()).isEqualTo(InstanceStatus.COMPLETED);
      assertThat(ended.instance().state().get("value").asInt()).isEqualTo(4);
      subscriber.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void shouldAnswerASubscriberOfAnEndedInstanceOnceWithItsEnd() {
      startWith(1);
      send(action("Finish", Map.of()));

      TestProbe<InstanceNotice> subscriber = subscribe();

      var subscribed = subscriber.expectMessageClass(InstanceNotice.Subscribed.class);
      assertThat(subscribed.instance().status()).isEqualTo(InstanceStatus.COMPLETED);
      assertThat(subscribed.journaledUpTo()).isEqualTo(2);
      subscriber.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void shouldTellASubscriberSubscribedTwiceEachEventOnce() {
      startWith(1);
      TestProbe<InstanceNotice> subscriber = subscribe();
      instance.runCommand(new InstanceCommand.Subscribe(subscriber.ref()));

      send(action("Increment", Map.of("by", 1)));

      subscriber.expectMessageClass(InstanceNotice.Subscribed.class);
      subscriber.expectMessageClass(InstanceNotice.Subscribed.class);
      assertThat(subscriber.expectMessageClass(InstanceNotice.Journaled.class).sequence())
          .isEqualTo(2);
      subscriber.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void shouldForgetSubscribersWhenItRestarts() {
      startWith(1);
      TestProbe<InstanceNotice> subscriber = subscribe();
      subscriber.expectMessageClass(InstanceNotice.Subscribed.class);

      instance.restart();
      send(action("Increment", Map.of("by", 1)));

      subscriber.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void shouldRefuseASubscriberOfAnInstanceNeverStarted() {
      TestProbe<InstanceNotice> subscriber = subscribe();

      assertThat(subscriber.expectMessageClass(InstanceNotice.Refused.class).error().code())
          .isEqualTo("instance-not-found");
    }
  }

  @Nested
  class Starting {

    @Test
    void shouldJournalOneStartEventAndReplyWithThePendingInstance() {
      var result =
          instance.<InstanceReply>runCommand(
              replyTo -> new InstanceCommand.Start(start(Map.of("initial", 2)), replyTo));

      assertThat(result.events()).hasSize(1);
      assertThat(result.events().get(0).sequence()).isEqualTo(1);
      Accepted reply = result.replyOfType(Accepted.class);
      assertThat(reply.instance().status()).isEqualTo(InstanceStatus.PENDING);
      assertThat(reply.instance().state().get("value").asInt()).isEqualTo(2);
    }

    @Test
    void shouldRefuseASecondStartAndJournalNothing() {
      startWith(1);

      var result =
          instance.<InstanceReply>runCommand(
              replyTo -> new InstanceCommand.Start(start(Map.of("initial", 9)), replyTo));

      assertThat(result.hasNoEvents()).isTrue();
      assertThat(result.replyOfType(Failed.class).error().code())
          .isEqualTo("instance-already-exists");
    }

    @Test
    void shouldRefuseAStartInputViolatingTheSchemaNamingTheField() {
      var result =
          instance.<InstanceReply>runCommand(
              replyTo -> new InstanceCommand.Start(start(Map.of("initial", -1)), replyTo));

      assertThat(result.hasNoEvents()).isTrue();
      var error = result.replyOfType(Failed.class).error();
      assertThat(error.code()).isEqualTo("invalid-payload");
      assertThat(error.field()).isEqualTo("/initial");
    }

    @Test
    void shouldAnswerNotFoundForAnInstanceNeverStarted() {
      var result = instance.<InstanceReply>runCommand(InstanceCommand.Get::new);

      assertThat(result.replyOfType(Failed.class).error().code()).isEqualTo("instance-not-found");
      assertThat(send(action("Increment", Map.of("by", 1))).hasNoEvents()).isTrue();
    }
  }

  @Nested
  class Acting {

    @Test
    void shouldJournalExactlyOneEventPerAcceptedAction() {
      startWith(0);

      var result = send(action("Increment", Map.of("by", 3)));

      assertThat(result.events()).hasSize(1);
      WorkflowEvent event = result.events().get(0);
      assertThat(event.sequence()).isEqualTo(2);
      assertThat(event.action().type()).isEqualTo("Increment");
      Accepted reply = result.replyOfType(Accepted.class);
      assertThat(reply.instance().sequence()).isEqualTo(2);
      assertThat(reply.instance().status()).isEqualTo(InstanceStatus.RUNNING);
      assertThat(event.stateDigest()).isNotBlank();
    }

    @Test
    void shouldJournalNothingWhenTheReducerRejects() {
      startWith(1);

      var result = send(action("Decrement", Map.of("by", 5)));

      assertThat(result.hasNoEvents()).isTrue();
      var error = result.replyOfType(Failed.class).error();
      assertThat(error.code()).isEqualTo("transition-rejected");
      assertThat(error.reason()).isEqualTo("counter-negative");
    }

    @Test
    void shouldJournalNothingWhenThePayloadViolatesTheSchema() {
      startWith(1);

      var result = send(action("Increment", Map.of("by", 0)));

      assertThat(result.hasNoEvents()).isTrue();
      assertThat(result.replyOfType(Failed.class).error().field()).isEqualTo("/by");
    }

    @Test
    void shouldRefuseAnActionPastItsExpiry() {
      startWith(1);
      Action expired =
          Action.builder("Increment")
              .payload(io.onex.engine.core.testing.Actions.json(Map.of("by", 1)))
              .issuedAt(NOW.minusSeconds(5))
              .expiresAt(NOW.minusSeconds(1))
              .build();

      var result = send(expired);

      assertThat(result.hasNoEvents()).isTrue();
      assertThat(result.replyOfType(Failed.class).error().code()).isEqualTo("action-expired");
    }

    @Test
    void shouldRefuseActionsOnceTheInstanceCompleted() {
      startWith(1);
      send(action("Finish", Map.of()));

      var result = send(action("Increment", Map.of("by", 1)));

      assertThat(result.hasNoEvents()).isTrue();
      var error = result.replyOfType(Failed.class).error();
      assertThat(error.code()).isEqualTo("instance-closed");
      assertThat(error.status()).isEqualTo(InstanceStatus.COMPLETED);
    }
  }

  @Nested
  class Dispatching {

    @Test
    void shouldHandAPendingIntentOverAgainWhenItsOutcomeIsOverdueUntilTheOutcomeArrives() {
      // given an instance whose dispatcher loses what it is handed, redispatching every 200 ms
      Queue<Intent> dispatched = new ConcurrentLinkedQueue<>();
      WorkflowRuntime runtime =
          new WorkflowRuntime(
              new WorkflowRegistry().register(CounterWorkflow.definition()),
              Clock.systemUTC(),
              new WorkflowRuntime.InstanceSettings(
                  0,
                  2,
                  Duration.ofMinutes(2),
                  3,
                  Duration.ofHours(1),
                  Duration.ofMillis(200),
                  true,
                  Duration.ofMillis(200),
                  Duration.ofSeconds(3),
                  4),
              (type, id, intent) -> dispatched.add(intent),
              DivergenceLog.NONE,
              AwaitingLog.NONE,
              InstanceTelemetry.off());
      var lossy =
          EventSourcedBehaviorTestKit.create(
              testKit.system(),
              WorkflowInstanceBehavior.create(
                  CounterWorkflow.TYPE, "lossy-" + System.nanoTime(), runtime, self -> {}),
              EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyState(false));
      lossy.<InstanceReply>runCommand(
          replyTo -> new InstanceCommand.Start(start(Map.of("initial", 0)), replyTo));
      Intent notify =
          lossy
              .<InstanceReply>runCommand(
                  replyTo ->
                      new InstanceCommand.Apply(action("Notify", Map.of("target", "x")), replyTo))
              .replyOfType(Accepted.class)
              .intents()
              .get(0);

      // when nobody reports its outcome, it is handed over again, by the instance itself
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> dispatched.size() >= 3);
      assertThat(dispatched).allSatisfy(intent -> assertThat(intent).isEqualTo(notify));

      // then once the outcome arrives it is not handed over any more
      lossy.<InstanceReply>runCommand(
          replyTo ->
              new InstanceCommand.Apply(
                  new IntentOutcome.Succeeded(notify.intentId(), null)
                      .reportOf(notify, Instant.now()),
                  replyTo));
      int afterOutcome = dispatched.size();
      Awaitility.await()
          .during(Duration.ofMillis(600))
          .atMost(Duration.ofSeconds(2))
          .until(() -> dispatched.size() == afterOutcome);
    }
  }

  @Nested
  class Recovering {

    @Test
    void shouldReachTheSameStateAfterRestartAcrossSnapshots() {
      startWith(0);
      for (int i = 1; i <= 7; i++) {
        send(action("Increment", Map.of("by", i)));
      }
      Accepted before =
          instance.<InstanceReply>runCommand(InstanceCommand.Get::new).replyOfType(Accepted.class);

      instance.restart();

      Accepted after =
          instance.<InstanceReply>runCommand(InstanceCommand.Get::new).replyOfType(Accepted.class);
      assertThat(after.instance()).isEqualTo(before.instance());
      assertThat(after.instance().sequence()).isEqualTo(8);
      assertThat(after.instance().state().get("value").asInt()).isEqualTo(28);
    }

    @Test
    void shouldMarkTheInstanceDivergedWhenTheReducerNoLongerReproducesItsHistory() {
      // given a history written by the original reducer
      String id = "diverging-" + System.nanoTime();
      TestProbe<InstanceReply> probe = testKit.createTestProbe();
      ActorRef<InstanceCommand> original =
          testKit.spawn(behavior(id, CounterWorkflow.definition()));
      original.tell(new InstanceCommand.Start(start(Map.of("initial", 0)), probe.ref()));
      original.tell(new InstanceCommand.Apply(action("Increment", Map.of("by", 2)), probe.ref()));
      probe.expectMessageClass(Accepted.class);
      probe.expectMessageClass(Accepted.class);
      testKit.stop(original);

      // when the same version is recovered by a reducer that computes differently
      ActorRef<InstanceCommand> changed =
          testKit.spawn(behavior(id, CounterWorkflow.definition(1, 10)));
      changed.tell(new InstanceCommand.Apply(action("Increment", Map.of("by", 1)), probe.ref()));

      // then it refuses to go on with different state
      var error = probe.expectMessageClass(Failed.class).error();
      assertThat(error.code()).isEqualTo("instance-diverged");
      assertThat(error.message()).contains("event 2 diverged");
    }

    private static Behavior<InstanceCommand> behavior(
        String id, WorkflowDefinition<?, ?> definition) {
      WorkflowRuntime runtime = runtime(new WorkflowRegistry().register(definition), 0);
      return WorkflowInstanceBehavior.create(CounterWorkflow.TYPE, id, runtime, self -> {});
    }
  }
}
