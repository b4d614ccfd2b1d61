package io.dataops.ingest.service;

import io.dataops.ingest.config.IngestConfig;
import io.dataops.platform.messaging.PipelineEventPublisher;
import io.dataops.ingest.messaging.RowBatchPublisher;
import io.dataops.ingest.parsing.CsvDialect;
import io.dataops.ingest.parsing.FileFormat;
import io.dataops.ingest.parsing.ReadFaults;
import io.dataops.ingest.parsing.RecordLimits;
import io.dataops.ingest.parsing.RowReader;
import io.dataops.ingest.parsing.RowReaders;
import io.dataops.ingest.repository.DataFile;
import io.dataops.ingest.repository.FileRun;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.LoadMode;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.ProgressGate;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Streams a queued run's file onto Kafka as row batches plus a closing marker. Runs that were queued or
 * half-emitted when the service stopped are emitted again from the start at boot: parsing is deterministic,
 * so batch N has the same rows every time and downstream ledgers drop what they already have.
 */
@ApplicationScoped
public class RowEmitter {
    private static final Logger LOG = Logger.getLogger(RowEmitter.class);

    private final IngestConfig config;
    private final RowBatchPublisher rows;
    private final PipelineEventPublisher events;
    private final FileIngestion files;
    private final ProgressGate progress = new ProgressGate(1000);
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> new Thread(r, "row-emitter"));

    public RowEmitter(IngestConfig config, RowBatchPublisher rows, PipelineEventPublisher events, FileIngestion files) {
        this.config = config;
        this.rows = rows;
        this.events = events;
        this.files = files;
    }

    void resumeUnfinishedRuns(@Observes StartupEvent start) {
        List<Long> unfinished = QuarkusTransaction.requiringNew()
                .call(() -> FileRun.unfinished().stream().map(run -> run.jobId).toList());
        unfinished.forEach(this::submit);
    }

    void stop(@Observes ShutdownEvent stop) {
        workers.shutdownNow();
    }

    public void submit(long jobId) {
        workers.submit(() -> emit(jobId));
    }

    void emit(long jobId) {
        FileRun run = QuarkusTransaction.requiringNew().call(() -> markEmitting(jobId));
        if (run == null) {
            return;
        }
        try {
            DataFile file = QuarkusTransaction.requiringNew().call(() -> DataFile.findById(run.fileId));
            Path content = files.contentOf(file);
            ValidationRules rules = EventCodec.decode(run.rules, ValidationRules.class);
            LoadMode mode = LoadMode.parse(run.loadMode);
            events.publish(new PipelineEvent.FileProcessingStarted(jobId, run.fileId, run.targetTable, Instant.now()));
            long rowCount = 0;
            long bytesRead = 0;
            int batchNo = 0;
            long nextCancelCheck = 0;
            Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
            List<SourceRow> batch = new ArrayList<>(config.batchSize());
            long batchBytes = 0;
            try (RowReader reader = open(content, run, file)) {
                while (reader.hasNext()) {
                    SourceRow row = reader.next();
                    batch.add(row);
                    rowCount++;
                    // characters of the raw row plus its line break: a proxy for bytes, exact for ASCII CSV
                    bytesRead += row.raw() == null ? 1 : row.raw().length() + 1;
                    batchBytes += messageBytes(row);
                    if (batch.size() == config.batchSize() || batchBytes >= config.batchMaxBytes()) {
                        send(inFlight, new RowBatch(jobId, run.fileId, run.targetTable, rules, ++batchNo, batch, mode));
                        batch = new ArrayList<>(config.batchSize());
                        batchBytes = 0;
                        if (System.currentTimeMillis() >= nextCancelCheck) {
                            nextCancelCheck = System.currentTimeMillis() + config.cancelCheckInterval().toMillis();
                            if (cancelled(jobId)) {
                                LOG.infof("Job %d: cancelled after %d rows of file %d; reading stops", jobId, rowCount, run.fileId);
                                progress.forget(jobId);
                                return;
                            }
                        }
                        if (progress.shouldReport(jobId)) {
                            events.publish(new PipelineEvent.FileReadProgressed(jobId, run.fileId, rowCount,
                                    Math.min(bytesRead, file.fileSize), file.fileSize, false, Instant.now()));
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // A fault in the file (a JSON syntax error, bytes the encoding refuses) fails the rest of it; the
                // rows before it still go on, so the job reports exactly where reading stopped and what got through.
                if (!batch.isEmpty()) {
                    send(inFlight, new RowBatch(jobId, run.fileId, run.targetTable, rules, ++batchNo, batch, mode));
                }
                inFlight.forEach(CompletableFuture::join);
                progress.forget(jobId);
                throw new FileReadFailure(ReadFaults.describe(e, rowCount), e);
            }
            if (!batch.isEmpty()) {
                send(inFlight, new RowBatch(jobId, run.fileId, run.targetTable, rules, ++batchNo, batch, mode));
            }
            progress.forget(jobId);
            // the closing marker goes only after every batch is on the broker
            inFlight.forEach(CompletableFuture::join);
            if (cancelled(jobId)) {
                LOG.infof("Job %d: cancelled; no closing marker for file %d", jobId, run.fileId);
                return;
            }
            events.publish(new PipelineEvent.FileReadProgressed(jobId, run.fileId, rowCount, file.fileSize,
                    file.fileSize, true, Instant.now()));
            rows.publish(new RowsEnd(jobId, run.fileId, run.targetTable, batchNo, rowCount, 0));
            finish(jobId, FileRun.EMITTED, batchNo, rowCount);
            LOG.infof("Job %d: emitted %d rows of file %d in %d batches", jobId, rowCount, run.fileId, batchNo);
        } catch (FileReadFailure e) {
            LOG.warnf("Job %d: file %d: %s", jobId, run.fileId, e.getMessage());
            finish(jobId, FileRun.FAILED, 0, 0);
            events.publish(new PipelineEvent.FileFailed(jobId, run.fileId, e.getMessage(), Instant.now()));
        } catch (Exception e) {
            LOG.errorf(e, "Job %d: file %d could not be read", jobId, run.fileId);
            finish(jobId, FileRun.FAILED, 0, 0);
            events.publish(new PipelineEvent.FileFailed(jobId, run.fileId, "The file could not be read: " + e.getMessage(),
                    Instant.now()));
        }
    }

    /** Reading stopped at a fault in the file; the message says where and how many rows went on before it. */
    static final class FileReadFailure extends RuntimeException {
        FileReadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Keeps at most {@code sendWindow} batches unacknowledged: memory stays bounded, the broker stays busy. */
    private void send(Deque<CompletableFuture<Void>> inFlight, RowBatch batch) {
        inFlight.addLast(rows.send(batch));
        while (inFlight.size() >= config.sendWindow()) {
            inFlight.removeFirst().join();
        }
    }

    private static FileRun markEmitting(long jobId) {
        FileRun run = FileRun.findById(jobId);
        if (run == null || !(FileRun.QUEUED.equals(run.state) || FileRun.EMITTING.equals(run.state))) {
            return null;
        }
        run.state = FileRun.EMITTING;
        return run;
    }

    private static boolean cancelled(long jobId) {
        return QuarkusTransaction.requiringNew().call(() -> FileRun.cancelled(jobId));
    }

    /** A run cancelled meanwhile stays cancelled. */
    private static void finish(long jobId, String state, int batches, long rowCount) {
        QuarkusTransaction.requiringNew().run(() -> {
            FileRun run = FileRun.findById(jobId);
            if (FileRun.CANCELLED.equals(run.state)) {
                return;
            }
            run.state = state;
            run.batchesEmitted = batches;
            run.rowsEmitted = rowCount;
        });
    }

    private RowReader open(Path content, FileRun run, DataFile file) throws java.io.IOException {
        Character delimiter = CsvDialect.delimiter(run.delimiter);
        CsvDialect dialect = new CsvDialect(delimiter == null ? ',' : delimiter, CsvDialect.encoding(run.encoding));
        return RowReaders.open(content, FileFormat.valueOf(file.fileType.toUpperCase(java.util.Locale.ROOT)), dialect,
                new RecordLimits(config.maxRecordChars(), config.maxFieldChars()));
    }

    /**
     * About the bytes a row adds to its batch's message: its text twice (raw and values) in UTF-8, plus the column
     * names and JSON punctuation. An estimate that errs high, cheap enough for every row.
     */
    static long messageBytes(SourceRow row) {
        long bytes = 32 + 2L * utf8Length(row.raw());
        if (row.values() != null) {
            for (var value : row.values().entrySet()) {
                bytes += value.getKey().length() + 8;
            }
        } else {
            bytes += row.malformed() == null ? 0 : utf8Length(row.malformed());
        }
        return bytes;
    }

    private static long utf8Length(String text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }
}
