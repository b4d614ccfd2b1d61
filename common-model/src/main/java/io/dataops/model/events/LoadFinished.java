package io.dataops.model.events;

/** The loader's last report of a run: the FileLoaded event validation-service publishes once the run's rejects are recorded. */
public record LoadFinished(PipelineEvent.FileLoaded loaded) implements LoaderReport {
    public LoadFinished {
        if (loaded == null) {
            throw new IllegalArgumentException("loaded must not be null");
        }
        Invariants.positive("jobId", loaded.jobId());
        Invariants.positive("fileId", loaded.fileId());
    }

    @Override
    public long jobId() {
        return loaded.jobId();
    }

    @Override
    public long fileId() {
        return loaded.fileId();
    }
}
