package io.dataops.model.runtime;

import io.dataops.model.events.EventCodec;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.UnreadableEventException;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * How every service reads {@code dataops.pipeline.events}: an event this version cannot read (a newer type, a
 * broken payload) is logged and skipped, so one stranger on the shared topic never stops a consumer.
 */
public final class PipelineEventReader {
    private static final Logger LOG = Logger.getLogger(PipelineEventReader.class);

    private PipelineEventReader() {
    }

    public static Optional<PipelineEvent> read(String payload) {
        try {
            return Optional.of(EventCodec.decode(payload, PipelineEvent.class));
        } catch (UnreadableEventException e) {
            LOG.warnf("Skipping a pipeline event this version cannot read: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
