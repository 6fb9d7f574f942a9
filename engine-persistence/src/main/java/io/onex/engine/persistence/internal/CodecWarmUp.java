package io.onex.engine.persistence.internal;

import io.onex.engine.core.InstanceStatus;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.WorkflowDefinition;
import io.onex.engine.core.WorkflowRegistry;
import io.onex.engine.core.json.EngineJson;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * Builds, once when a node starts, the JSON codecs that the first recovery of an instance from a
 * snapshot needs: the journal serializer's codec of {@link InstanceSnapshot} (by writing and
 * reading a snapshot of no instance) and the engine's codec of every registered state type. In a
 * new JVM, building them costs the first recovered instance a few hundred milliseconds; built here,
 * the first answer pays only for its own reads. Touches no journal.
 */
@InternalApi
public final class CodecWarmUp {

  private CodecWarmUp() {}

  /** Builds the codecs of {@code system}'s serializer and of {@code registry}'s state types. */
  public static void run(ActorSystem<?> system, WorkflowRegistry registry) {
    Serialization serialization = SerializationExtension.get(system);
    InstanceSnapshot sample =
        new InstanceSnapshot(
            "onex-warm-up",
            "$warm-up",
            1,
            InstanceStatus.RUNNING,
            null,
            1,
            0,
            EngineJson.mapper().createObjectNode(),
            "",
            List.of(),
            IdempotencyWindow.EMPTY,
            null);
    var serializer = serialization.findSerializerFor(sample);
    byte[] bytes = serializer.toBinary(sample);
    serialization
        .deserialize(bytes, serializer.identifier(), manifestOf(serialization, sample))
        .get();
    for (String type : registry.types()) {
      for (WorkflowDefinition<?, ?> definition : registry.versions(type)) {
        // Readers and writers fetch their codec eagerly: this builds it without decoding anything.
        EngineJson.mapper().readerFor(definition.stateType());
        EngineJson.mapper().writerFor(definition.stateType());
      }
    }
  }

  private static String manifestOf(Serialization serialization, Object sample) {
    return org.apache.pekko.serialization.Serializers.manifestFor(
        serialization.findSerializerFor(sample), sample);
  }
}
