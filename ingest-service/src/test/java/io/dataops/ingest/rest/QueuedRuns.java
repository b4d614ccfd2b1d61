package io.dataops.ingest.rest;

import io.dataops.ingest.repository.DataFile;
import io.dataops.ingest.repository.FileRun;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.ValidationRules;
import io.dataops.model.status.FileStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Instant;

/** What the process endpoint stores for a run, without job-service (which ingest's tests do not run). */
final class QueuedRuns {
    private QueuedRuns() {
    }

    /** A queued run of the file into customers with no rules; {@code delimiter} null for JSON. */
    static void queue(long jobId, long fileId, String delimiter) {
        QuarkusTransaction.requiringNew().run(() -> {
            FileRun run = new FileRun();
            run.jobId = jobId;
            run.fileId = fileId;
            run.targetTable = "customers";
            run.rules = EventCodec.encode(ValidationRules.none());
            run.state = FileRun.QUEUED;
            run.delimiter = delimiter;
            run.encoding = "utf-8";
            run.createdAt = Instant.now();
            run.persist();
            ((DataFile) DataFile.findById(fileId)).status = FileStatus.PROCESSING;
        });
    }
}
