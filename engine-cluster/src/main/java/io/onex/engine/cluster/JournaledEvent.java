package io.onex.engine.cluster;

import io.onex.engine.core.WorkflowEvent;

/**
 * One workflow event as the journal holds it, with its position: what {@link EventStreams} deliver.
 *
 * @param offset the event's position in the whole journal (increasing, with gaps): resume a {@link
 *     EventStreams#ofType} stream after it
 * @param event the event
 */
public record JournaledEvent(long offset, WorkflowEvent event) {}
