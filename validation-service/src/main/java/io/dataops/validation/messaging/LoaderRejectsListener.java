package io.dataops.validation.messaging;

import io.dataops.model.events.EventCodec;
import io.dataops.model.events.LoadFinished;
import io.dataops.model.events.LoaderReport;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowsRejected;
import io.dataops.platform.closing.ClosingGate;
import io.dataops.platform.messaging.DeadLetters;
import io.dataops.platform.messaging.PipelineEventPublisher;
import io.dataops.validation.rules.QualityScore;
import io.dataops.validation.service.BatchValidation;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code Topics.FILE_ROWS_REJECTED}: the loader's rejects, recorded like any other row error, and its
 * closing report. Several loader replicas send these, so the report may come before another replica's rejects: each
 * message, once recorded, arrives at the run's "load" closing gate, and whichever finds every reject the report counts
 * recorded scores the run's quality (it needs the loader's in-file duplicates) and publishes FileQualityScored, then
 * the file's FileLoaded. These reports are not a run's batches (no cancellation or delivery count applies: recording
 * them twice changes nothing), so they take the platform's plain path: decode, retry, park what never succeeds,
 * acknowledge.
 */
@ApplicationScoped
public class LoaderRejectsListener {
    /** The run_closings gate of a run's load: counted in rejected rows recorded. */
    static final String LOAD_GATE = "load";

    private final BatchValidation validation;
    private final DeadLetters deadLetters;
    private final PipelineEventPublisher events;
    private final ClosingGate loadClosings;

    public LoaderRejectsListener(BatchValidation validation, DeadLetters deadLetters, PipelineEventPublisher events,
                                 DataSource dataSource) {
        this.validation = validation;
        this.deadLetters = deadLetters;
        this.events = events;
        this.loadClosings = new ClosingGate(dataSource, LOAD_GATE,
                "SELECT COALESCE(SUM(rows_rejected), 0) FROM recorded_rejects WHERE job_id = ?");
    }

    @Incoming("file-rows-rejected-in")
    @Blocking
    public CompletionStage<Void> onMessage(Message<String> message) {
        deadLetters.consume(message, LoaderReport.class, this::record);
        return message.ack();
    }

    private void record(LoaderReport report) {
        ClosingGate.Outcome outcome;
        if (report instanceof RowsRejected rejected) {
            validation.recordLoaderRejects(rejected);
            outcome = loadClosings.arrive(rejected.jobId(), rejected.fileId(), "rejects " + rejected.batchNo(), null);
        } else {
            LoadFinished finished = (LoadFinished) report;
            outcome = loadClosings.arrive(finished.jobId(), finished.fileId(), "finished",
                    new ClosingGate.Marker(finished.rejectedRows(), EventCodec.encode(finished)));
        }
        if (outcome.closes()) {
            LoadFinished finished = (LoadFinished) EventCodec.decode(outcome.marker(), LoaderReport.class);
            QualityScore q = validation.scoreLoadedRun(finished);
            // the score first: when the job shows completed, its file's quality is known
            events.publish(new PipelineEvent.FileQualityScored(finished.jobId(), finished.fileId(), q.rows(),
                    q.completeness().doubleValue(), q.validity().doubleValue(), q.uniqueness().doubleValue(),
                    q.score().doubleValue(), Instant.now()));
            events.publish(finished.loaded());
            loadClosings.closed(finished.jobId());
        }
    }
}
