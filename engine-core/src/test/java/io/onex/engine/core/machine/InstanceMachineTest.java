package io.onex.engine.core.machine;

import static io.onex.engine.core.testing.Actions.action;
import static io.onex.engine.core.testing.Actions.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.engine.core.Action;
import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.Intent;
import io.onex.engine.core.IntentOutcome;
import io.onex.engine.core.LeaseFence;
import io.onex.engine.core.TimerRequest;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.core.WorkflowInstance;
import io.onex.engine.core.error.EpochConflictException;
import io.onex.engine.core.error.InstanceClosedException;
import io.onex.engine.core.error.InstanceDivergedException;
import io.onex.engine.core.error.InvalidPayloadException;
import io.onex.engine.core.error.LeaseRejectedException;
import io.onex.engine.core.error.TransitionRejectedException;
import io.onex.engine.core.error.UnknownActionException;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.machine.InstanceMachine.Applied;
import io.onex.engine.core.testing.Actions;
import io.onex.engine.core.testing.CounterWorkflow;
import io.onex.engine.core.testing.CounterWorkflow.Counter;
import io.onex.engine.core.testing.CounterWorkflow.CounterAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InstanceMachineTest {

  private final InstanceMachine<Counter, CounterAction> machine =
      InstanceMachine.of(CounterWorkflow.definition());

  private WorkflowInstance<Counter> started(int initial) {
    return machine.start("c-1", start(Map.of("initial", initial))).instance();
  }

  @Nested
  class Start {

    @Test
    void shouldCreatePendingInstanceAtSequenceOneWhenStarted() {
      // when
      Applied<Counter> applied = machine.start("c-1", start(Map.of("initial", 5)));

      // then
      assertThat(applied.instance().status()).isEqualTo(InstanceStatus.PENDING);
      assertThat(applied.instance().sequence()).isEqualTo(1);
      assertThat(applied.instance().state()).isEqualTo(new Counter(5, 0));
      WorkflowEvent event = applied.event();
      assertThat(event.sequence()).isEqualTo(1);
      assertThat(event.isStart()).isTrue();
      assertThat(event.definitionVersion()).isEqualTo(1);
      assertThat(event.timestamp()).isEqualTo(event.action().issuedAt());
      assertThat(event.stateDigest()).hasSize(64).isEqualTo(applied.instance().stateDigest());
    }

    @Test
    void shouldNameTheFieldWhenStartInputCannotBeDecoded() {
      assertThatThrownBy(() -> machine.start("c-1", start(Map.of("initial", "many"))))
          .isInstanceOfSatisfying(
              InvalidPayloadException.class, e -> assertThat(e.field()).isEqualTo("/initial"));
    }
  }

  @Nested
  class Apply {

    @Test
    void shouldMoveToRunningAndNextSequenceWhenActionAccepted() {
      // given
      WorkflowInstance<Counter> current = started(1);

      // when
      Applied<Counter> applied = machine.apply(current, action("Increment", Map.of("by", 2)));

      // then
      assertThat(applied.instance().state()).isEqualTo(new Counter(3, 1));
      assertThat(applied.instance().status()).isEqualTo(InstanceStatus.RUNNING);
      assertThat(applied.event().sequence()).isEqualTo(2);
      assertThat(applied.event().stateDigest()).isNotEqualTo(current.stateDigest());
    }

    @Test
    void shouldThrowWithReducerReasonWhenValidationRejects() {
      WorkflowInstance<Counter> current = started(1);

      assertThatThrownBy(() -> machine.apply(current, action("Decrement", Map.of("by", 2))))
          .isInstanceOfSatisfying(
              TransitionRejectedException.class,
              e -> {
                assertThat(e.rejection().reason()).isEqualTo("counter-negative");
                assertThat(e.getMessage()).contains("c-1");
              });
    }

    @Test
    void shouldRefuseUnknownActionNamingTheKnownOnes() {
      WorkflowInstance<Counter> current = started(1);

      assertThatThrownBy(() -> machine.apply(current, action("Explode", Map.of())))
          .isInstanceOf(UnknownActionException.class)
          .hasMessageContaining("Explode")
          .hasMessageContaining("Increment");
    }

    @Test
    void shouldRefuseEveryActionWhenInstanceEnded() {
      WorkflowInstance<Counter> finished =
          machine.apply(started(1), action("Finish", Map.of())).instance();

      assertThat(finished.status()).isEqualTo(InstanceStatus.COMPLETED);
      assertThatThrownBy(() -> machine.apply(finished, action("Increment", Map.of("by", 1))))
          .isInstanceOfSatisfying(
              InstanceClosedException.class,
              e -> assertThat(e.status()).isEqualTo(InstanceStatus.COMPLETED));
    }

    @Test
    void shouldRecordCancellationReasonWhenCancelled() {
      WorkflowInstance<Counter> cancelled =
          machine.apply(started(1), action("Abandon", Map.of("reason", "bored"))).instance();

      assertThat(cancelled.status()).isEqualTo(InstanceStatus.CANCELLED);
      assertThat(cancelled.statusReason()).isEqualTo("bored");
    }

    @Test
    void shouldDeriveIdenticalIntentsWhenSameActionAppliedTwice() {
      // given
      WorkflowInstance<Counter> current = started(4);
      Action notify = action("Notify", Map.of("target", "audit"));

      // when
      WorkflowEvent first = machine.apply(current, notify).event();
      WorkflowEvent second = machine.apply(current, notify).event();

      // then
      assertThat(first.intents()).hasSize(1).isEqualTo(second.intents());
      var intent = first.intents().get(0);
      assertThat(intent.causationId()).isEqualTo(first.eventId());
      assertThat(intent.correlationId()).isEqualTo(notify.correlationId());
      assertThat(intent.idempotencyKey()).isEqualTo(intent.intentId());
      assertThat(intent.correlationChain())
          .containsExactly(notify.actionId(), first.eventId(), intent.intentId());
      assertThat(intent.payload().get("at").asText()).isEqualTo(notify.issuedAt().toString());
    }

    @Test
    void shouldCarryTheCallersCorrelationOriginIntoTheEventChain() {
      Action correlated =
          Action.builder("Increment")
              .payload(io.onex.engine.core.testing.Actions.json(Map.of("by", 1)))
              .correlationId("origin-7")
              .issuedAt(io.onex.engine.core.testing.Actions.T0)
              .build();

      WorkflowEvent event = machine.apply(started(0), correlated).event();

      assertThat(event.correlationChain())
          .containsExactly("origin-7", correlated.actionId(), event.eventId());
      assertThat(event.causationId()).isEqualTo(correlated.actionId());
    }
  }

  @Nested
  class Derived {

    @Test
    void shouldNameTheActionThatEmittedAnIntentAsTheParentOfItsOutcomeAndOfAFiredTimer() {
      // given
      Action notify = action("Notify", Map.of("target", "audit"));
      Action remind = action("Remind", Map.of("delayMs", 10));
      Applied<Counter> notified = machine.apply(started(0), notify);
      Applied<Counter> reminded = machine.apply(notified.instance(), remind);

      // when
      Intent intent = notified.event().intents().get(0);
      Action outcome =
          new IntentOutcome.Succeeded(intent.intentId(), null).reportOf(intent, Actions.T0);
      Intent timer = reminded.event().intents().get(0);
      Action fired =
          TimerActions.firedBy(
              timer, EngineJson.mapper().convertValue(timer.payload(), TimerRequest.class));

      // then
      assertThat(notify.parentActionId()).isNull();
      assertThat(intent.emittingActionId()).isEqualTo(notify.actionId());
      assertThat(outcome.parentActionId()).isEqualTo(notify.actionId());
      assertThat(outcome.causationId()).isEqualTo(intent.intentId());
      assertThat(fired.parentActionId()).isEqualTo(remind.actionId());
      assertThat(machine.apply(reminded.instance(), outcome).event().action().parentActionId())
          .isEqualTo(notify.actionId());
    }
  }

  @Nested
  class Epochs {

    @Test
    void shouldStartAtEpochZeroAndAdvanceByOneWithEveryLaterEvent() {
      // given
      WorkflowInstance<Counter> counter = started(0);

      // when
      Applied<Counter> first = machine.apply(counter, action("Increment", Map.of("by", 1)));
      Applied<Counter> second =
          machine.apply(first.instance(), action("Increment", Map.of("by", 1)));

      // then
      assertThat(counter.epoch()).isZero();
      assertThat(first.event().epoch()).isZero();
      assertThat(first.instance().epoch()).isEqualTo(1);
      assertThat(second.event().epoch()).isEqualTo(1);
      assertThat(second.instance().epoch()).isEqualTo(2);
      assertThat(second.event().formatVersion()).isEqualTo(WorkflowEvent.FORMAT);
    }

    @Test
    void shouldRefuseAnActionExpectingAnEarlierEpochNamingBoth() {
      // given
      WorkflowInstance<Counter> advanced =
          machine.apply(started(0), action("Increment", Map.of("by", 1))).instance();
      Action stale = action("Increment", Map.of("by", 1)).toBuilder().epoch(0L).build();

      // then
      assertThatThrownBy(() -> machine.apply(advanced, stale))
          .isInstanceOf(EpochConflictException.class)
          .hasMessageContaining("at epoch 0")
          .hasMessageContaining("at epoch 1");
    }

    @Test
    void shouldLeaveTheEpochAsItWasWhenReplayingAnEventOfTheFirstFormat() {
      // given an event as release 0.1 wrote it: no format, the epoch never advanced
      Applied<Counter> first = machine.start("c-1", start(Map.of("initial", 0)));
      WorkflowEvent current =
          machine.apply(first.instance(), action("Increment", Map.of("by", 1))).event();
      WorkflowEvent legacy = withoutFormat(current);

      // when
      WorkflowInstance<Counter> replayed = machine.replay(first.instance(), legacy);

      // then the digest still matches, and the epoch stays 0
      assertThat(replayed.epoch()).isZero();
      assertThat(replayed.state()).isEqualTo(new Counter(1, 1));
      assertThat(machine.replay(first.instance(), current).epoch()).isEqualTo(1);
    }

    private WorkflowEvent withoutFormat(WorkflowEvent event) {
      return new WorkflowEvent(
          event.eventId(),
          event.workflowType(),
          event.instanceId(),
          event.sequence(),
          event.epoch(),
          event.action(),
          event.intents(),
          event.causationId(),
          event.correlationChain(),
          event.definitionVersion(),
          event.timestamp(),
          event.status(),
          event.statusReason(),
          event.stateDigest(),
          null,
          null,
          null,
          null);
    }
  }

  @Nested
  class Replay {

    private List<WorkflowEvent> history() {
      List<WorkflowEvent> events = new ArrayList<>();
      Applied<Counter> applied = machine.start("c-1", start(Map.of("initial", 0)));
      events.add(applied.event());
      for (int i = 1; i <= 5; i++) {
        applied = machine.apply(applied.instance(), action("Increment", Map.of("by", i)));
        events.add(applied.event());
      }
      return events;
    }

    @Test
    void shouldReachTheRecordedStateWhenReplayingTheHistory() {
      // given
      List<WorkflowEvent> events = history();

      // when
      WorkflowInstance<Counter> replayed = null;
      for (WorkflowEvent event : events) {
        replayed = machine.replay(replayed, event);
      }

      // then
      assertThat(replayed.state()).isEqualTo(new Counter(15, 5));
      assertThat(replayed.sequence()).isEqualTo(6);
      assertThat(replayed.stateDigest()).isEqualTo(events.get(5).stateDigest());
    }

    @Test
    void shouldReportTheDivergingEventWhenTheReducerChanged() {
      // given
      List<WorkflowEvent> events = history();
      InstanceMachine<Counter, CounterAction> changed =
          InstanceMachine.of(CounterWorkflow.definition(1, 2));
      WorkflowInstance<Counter> afterStart = changed.replay(null, events.get(0));

      // then
      assertThatThrownBy(() -> changed.replay(afterStart, events.get(1)))
          .isInstanceOf(InstanceDivergedException.class)
          .hasMessageContaining("event 2 diverged");
    }
  }

  @Nested
  class SingleWriter {

    private final InstanceMachine<Counter, CounterAction> fenced =
        InstanceMachine.of(CounterWorkflow.singleWriter());

    private Action underLease(Action action, String leaseId, long token) {
      return action.toBuilder().leaseId(leaseId).fencingToken(token).build();
    }

    private WorkflowInstance<Counter> startedUnder(String leaseId, long token) {
      return fenced
          .start("f-1", underLease(start(Map.of("initial", 0)), leaseId, token))
          .instance();
    }

    @Test
    void shouldRefuseStartWhenItCarriesNoLease() {
      assertThatThrownBy(() -> fenced.start("f-1", start(Map.of("initial", 0))))
          .isInstanceOfSatisfying(
              LeaseRejectedException.class,
              e -> {
                assertThat(e.code()).isEqualTo("lease-required");
                assertThat(e.reason()).isEqualTo("missing");
                assertThat(e.getMessage()).contains("fenced-counter/f-1");
              });
    }

    @Test
    void shouldRecordTheFenceOfTheLeaseWhenStartedAndRaiseItWithAHigherToken() {
      // given
      WorkflowInstance<Counter> started = startedUnder("lease-a", 3);

      // when
      WorkflowInstance<Counter> after =
          fenced
              .apply(started, underLease(action("Increment", Map.of("by", 1)), "lease-b", 4))
              .instance();

      // then
      assertThat(started.fence()).isEqualTo(new LeaseFence("lease-a", 3));
      assertThat(after.fence()).isEqualTo(new LeaseFence("lease-b", 4));
      assertThat(after.state().value()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAStaleHolderWhenATokenBelowTheHighestSeenArrives() {
      // given orchestrator B wrote with token 5 after A's lease (token 4) lapsed
      WorkflowInstance<Counter> current =
          fenced
              .apply(
                  startedUnder("lease-a", 4),
                  underLease(action("Increment", Map.of("by", 1)), "lease-b", 5))
              .instance();

      // when A, unaware, writes again; then
      assertThatThrownBy(
              () ->
                  fenced.apply(
                      current, underLease(action("Increment", Map.of("by", 1)), "lease-a", 4)))
          .isInstanceOfSatisfying(
              LeaseRejectedException.class,
              e -> {
                assertThat(e.code()).isEqualTo("stale-lease");
                assertThat(e.reason()).isEqualTo("superseded");
                assertThat(e.getMessage()).contains("token 4", "token 5");
              });
    }

    @Test
    void shouldRefuseAnotherLeaseUnderTheSameToken() {
      WorkflowInstance<Counter> current = startedUnder("lease-a", 2);

      assertThatThrownBy(
              () ->
                  fenced.apply(
                      current, underLease(action("Increment", Map.of("by", 1)), "forged", 2)))
          .isInstanceOfSatisfying(
              LeaseRejectedException.class, e -> assertThat(e.reason()).isEqualTo("unknown"));
    }

    @Test
    void shouldReplayAFencedHistoryToTheSameFence() {
      // given
      Applied<Counter> first =
          fenced.start("f-1", underLease(start(Map.of("initial", 0)), "lease-a", 1));
      Applied<Counter> second =
          fenced.apply(
              first.instance(), underLease(action("Increment", Map.of("by", 2)), "lease-b", 2));

      // when
      WorkflowInstance<Counter> replayed =
          fenced.replay(fenced.replay(null, first.event()), second.event());

      // then
      assertThat(replayed).isEqualTo(second.instance());
    }
  }
}
