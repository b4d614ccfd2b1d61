package io.dataops.platform.messaging;

import io.dataops.model.events.PipelineEvent;

/**
 * What a service does with the lifecycle events it follows on {@code Topics.PIPELINE_EVENTS}. Every bean of this
 * type is handed each event by {@link PipelineEventListener}, all of them in one transaction per try; an event a
 * handler has no business with is ignored. Handlers must be idempotent: an event can come again.
 */
public interface PipelineEventHandler {
    void apply(PipelineEvent event);
}
