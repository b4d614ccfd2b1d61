package io.dataops.report.service;

import io.dataops.model.events.PipelineEvent;
import io.dataops.model.status.FileStatus;
import io.dataops.model.status.JobStatus;
import io.dataops.platform.messaging.PipelineEventHandler;
import io.dataops.report.repository.DashboardModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Projects pipeline events onto the dashboard's read model. */
@ApplicationScoped
public class DashboardProjection implements PipelineEventHandler {
    private final DashboardModel model;

    public DashboardProjection(DashboardModel model) {
        this.model = model;
    }

    /**
     * One event, one transaction. A file's status follows its job: when the job event is stale (a redelivery, or
     * news of a job that already finished) the file is left as it is too, so a late event never reopens a file.
     */
    @Override
    @Transactional
    public void apply(PipelineEvent event) {
        if (event instanceof PipelineEvent.FileUploaded uploaded) {
            model.fileUploaded(uploaded.fileId(), uploaded.at());
        } else if (event instanceof PipelineEvent.FileProcessingRequested requested) {
            if (model.jobStatus(requested.jobId(), requested.fileId(), DashboardModel.QUEUED, requested.at())) {
                model.fileStatus(requested.fileId(), FileStatus.PROCESSING, requested.at());
            }
            model.jobTarget(requested.jobId(), requested.target());
        } else if (event instanceof PipelineEvent.FileProcessingStarted started) {
            model.jobStatus(started.jobId(), started.fileId(), JobStatus.RUNNING.value(), started.at());
            model.jobTarget(started.jobId(), started.target());
        } else if (event instanceof PipelineEvent.JobProgressed progressed) {
            if (progressed.rowsLoaded() > 0) {
                model.jobLoaded(progressed.jobId(), null, progressed.rowsLoaded(), false);
            }
        } else if (event instanceof PipelineEvent.FileLoaded loaded) {
            if (model.jobStatus(loaded.jobId(), loaded.fileId(), JobStatus.COMPLETED.value(), loaded.at())) {
                model.fileLoaded(loaded.fileId(), loaded.target(), loaded.rowsLoaded(), loaded.rowsRejected(), loaded.at());
                model.jobLoaded(loaded.jobId(), loaded.target(), loaded.rowsLoaded(), true);
            }
        } else if (event instanceof PipelineEvent.JobCancelled cancelled) {
            if (model.jobStatus(cancelled.jobId(), cancelled.fileId(), JobStatus.CANCELLED.value(), cancelled.at()) && cancelled.fileId() > 0) {
                model.fileStatus(cancelled.fileId(), FileStatus.CANCELLED, cancelled.at());
            }
        } else if (event instanceof PipelineEvent.FileDeleted deleted) {
            model.fileDeleted(deleted.fileId());
        } else if (event instanceof PipelineEvent.FileFailed failed) {
            if (model.jobStatus(failed.jobId(), failed.fileId(), JobStatus.FAILED.value(), failed.at())) {
                model.fileStatus(failed.fileId(), FileStatus.FAILED, failed.at());
            }
        }
    }
}
