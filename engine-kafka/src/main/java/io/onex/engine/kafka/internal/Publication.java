package io.onex.engine.kafka.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.onex.engine.cluster.LagGauge;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowEvent;
import io.onex.engine.persistence.SliceProjections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;

/**
 * The publication of every journaled workflow event: one projection per slice of the journal,
 * spread over the cluster's nodes by a sharded daemon process, sends each group of events to Kafka
 * in journal order and stores the group's offset once every send was acknowledged. A broker that is
 * down fails the group; the projection then starts again after a backoff from its stored offset, so
 * publication catches up once the broker is back.
 */
@InternalApi
public final class Publication {

  /** The projection's name; its keys are the slice tags. */
  public static final String PROJECTION = "onex-kafka-publication";

  private final SliceProjections projections;

  private Publication(SliceProjections projections) {
    this.projections = projections;
  }

  /**
   * Starts publishing with {@code producer}, and the gauge {@code onex.kafka.publication.lag}
   * measured every {@code lag-interval}.
   */
  public static Publication start(
      ActorSystem<?> system,
      SliceProjections projections,
      Producer<String, byte[]> producer,
      EventRecords records,
      int groupSize,
      java.time.Duration groupWithin,
      java.time.Duration lagInterval,
      MeterRegistry metrics) {
    Publication publication = new Publication(projections);
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            PROJECTION,
            projections.slices(),
            slice ->
                ProjectionBehavior.create(
                    projections.atLeastOnce(
                        PROJECTION,
                        slice,
                        groupSize,
                        groupWithin,
                        () -> new Publisher(producer, records, blocking))),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
    LagGauge.register(
        system,
        metrics,
        "onex.kafka.publication.lag",
        "Events journaled but not yet published to Kafka",
        lagInterval,
        publication::lag);
    return publication;
  }

  /** Events journaled but not yet published. */
  public CompletionStage<Long> lag() {
    return projections.lag(PROJECTION);
  }

  /**
   * Sends one group, in order; completes once the broker acknowledged every event of it. It calls
   * the Kafka producer itself, on one thread, because the order of the calls is the order within
   * each partition (a send per call through a dispatcher would not keep it).
   */
  private static final class Publisher extends Handler<List<EventEnvelope<WorkflowEvent>>> {

    private final Producer<String, byte[]> producer;
    private final EventRecords records;
    private final Executor blocking;

    Publisher(Producer<String, byte[]> producer, EventRecords records, Executor blocking) {
      this.producer = producer;
      this.records = records;
      this.blocking = blocking;
    }

    @Override
    public CompletionStage<Done> process(List<EventEnvelope<WorkflowEvent>> envelopes) {
      // send() waits for the topic's metadata while the broker is away: not on the stream's thread
      return CompletableFuture.supplyAsync(() -> sendAll(envelopes), blocking)
          .thenCompose(sent -> CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)))
          .thenApply(all -> Done.done());
    }

    private List<CompletableFuture<?>> sendAll(List<EventEnvelope<WorkflowEvent>> envelopes) {
      List<CompletableFuture<?>> sent = new ArrayList<>(envelopes.size());
      for (EventEnvelope<WorkflowEvent> envelope : envelopes) {
        ProducerRecord<String, byte[]> record = records.of(envelope.event());
        CompletableFuture<RecordMetadata> send = new CompletableFuture<>();
        producer.send(
            record,
            (metadata, error) -> {
              if (error != null) {
                send.completeExceptionally(error);
              } else {
                send.complete(metadata);
              }
            });
        sent.add(send);
        if (send.isCompletedExceptionally()) {
          // the topic's metadata did not come in time: sending the rest would put a later event
          // of an instance before this one; the group is sent again from this event on
          break;
        }
      }
      return sent;
    }
  }
}
