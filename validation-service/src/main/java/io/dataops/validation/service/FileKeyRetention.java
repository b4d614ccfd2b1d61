package io.dataops.validation.service;

import io.dataops.validation.repository.FileKeyStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes a closed run's FILE_KEYS (one row per distinct tracked value, as many as the file's rows) some time after
 * its closing marker: its quality score is stored by then, and nothing else reads them. Without this the table
 * would grow by every row of every file ever validated.
 * <p>
 * Deletion runs on a thread of its own, in chunks with a transaction each, so a large run neither holds up the
 * partition's next file nor needs one huge transaction. Runs left with keys (the service stopped before their
 * time came) are found at start-up and scheduled again. A batch redelivered after the prune is validated against an
 * empty key store, but its ledger rows exist, so it records nothing and the loader skips it: the rows and errors
 * stay those of the first delivery.
 */
@ApplicationScoped
public class FileKeyRetention {
    private static final Logger LOG = Logger.getLogger(FileKeyRetention.class);
    private static final int CHUNK = 5_000;

    private final FileKeyStore keys;
    private final Duration retention;
    private final ScheduledExecutorService pruner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "file-key-pruner");
        thread.setDaemon(true);
        return thread;
    });

    public FileKeyRetention(FileKeyStore keys,
                            @ConfigProperty(name = "dataops.validation.file-keys-retention", defaultValue = "PT10M")
                            Duration retention) {
        this.keys = keys;
        this.retention = retention;
    }

    void onStart(@Observes StartupEvent event) {
        pruner.execute(() -> {
            try {
                keys.closedRunsWithKeys().forEach((jobId, closedAt) -> schedule(jobId, closedAt));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not list closed runs with stored file keys; they are pruned at the next start");
            }
        });
    }

    /** The run's closing marker is processed and its score stored. */
    public void runClosed(long jobId) {
        schedule(jobId, Instant.now());
    }

    private void schedule(long jobId, Instant closedAt) {
        long delay = Math.max(0, Duration.between(Instant.now(), closedAt.plus(retention)).toMillis());
        pruner.schedule(() -> prune(jobId), delay, TimeUnit.MILLISECONDS);
    }

    void prune(long jobId) {
        try {
            long deleted = 0;
            for (String field : keys.keyFields(jobId)) {
                int chunk;
                do {
                    chunk = QuarkusTransaction.requiringNew().call(() -> keys.deleteKeyChunk(jobId, field, CHUNK));
                    deleted += chunk;
                } while (chunk > 0);
            }
            if (deleted > 0) {
                LOG.infof("Job %d: pruned %d file keys of the closed run", jobId, deleted);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Job %d: could not prune its file keys; tried again at the next start", jobId);
        }
    }

    @PreDestroy
    void stop() {
        pruner.shutdownNow();
    }
}
