package io.dataops.report.service;

import io.dataops.model.events.PipelineEvent;
import io.dataops.report.repository.DashboardModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Projects pipeline events onto the dashboard's read model. */
@ApplicationScoped
public class DashboardProjection {
    private final DashboardModel model;

    public DashboardProjection(DashboardModel model) {
        this.model = model;
    }

    /**
     * One event, one transaction. A file's status follows its job: when the job event is stale (a redelivery, or
     * news of a job that already finished) the file is left as it is too, so a late event never reopens a file.
     */
    @Transactional
    public void apply(PipelineEvent event) {
        if (event instanceof PipelineEvent.FileUploaded uploaded) {
            model.fileUploaded(uploaded.fileId(), uploaded.at());
        } else if (event instanceof PipelineEvent.FileProcessingRequested requested) {
            if (model.jobStatus(requested.jobId(), requested.fileId(), "queued", requested.at())) {
                model.fileStatus(requested.fileId(), "processing", requested.at());
            }
        } else if (event instanceof PipelineEvent.FileProcessingStarted started) {
            model.jobStatus(started.jobId(), started.fileId(), "running", started.at());
        } else if (event instanceof PipelineEvent.FileLoaded loaded) {
            if (model.jobStatus(loaded.jobId(), loaded.fileId(), "completed", loaded.at())) {
                model.fileLoaded(loaded.fileId(), loaded.target(), loaded.rowsLoaded(), loaded.rowsRejected(), loaded.at());
            }
        } else if (event instanceof PipelineEvent.FileFailed failed) {
            if (model.jobStatus(failed.jobId(), failed.fileId(), "failed", failed.at())) {
                model.fileStatus(failed.fileId(), "failed", failed.at());
            }
        }
    }
}
