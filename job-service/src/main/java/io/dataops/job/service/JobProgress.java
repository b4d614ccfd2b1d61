package io.dataops.job.service;

import io.dataops.job.repository.Job;

/** Progress counts only rise: stages report totals at different moments, and a late report must not undo a newer one. */
public final class JobProgress {

    public static void raise(Job job, long read, long valid, long rejected, long loaded) {
        job.rowsRead = Math.max(job.rowsRead, read);
        job.rowsValid = Math.max(job.rowsValid, valid);
        job.rowsRejected = Math.max(job.rowsRejected, rejected);
        job.rowsLoaded = Math.max(job.rowsLoaded, loaded);
    }

    private JobProgress() {
    }
}
