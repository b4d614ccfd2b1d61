package io.dataops.job.service;

import io.dataops.platform.messaging.PipelineEventPublisher;
import io.dataops.job.repository.Job;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.status.JobStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Cancels a job: JOBS says {@code cancelled} first (committed), then JobCancelled goes to every stage. Cancelling an
 * already cancelled job publishes the event again and answers the same job, so a retry after a failed send
 * completes the cancellation; a completed or failed job cannot be cancelled.
 */
@ApplicationScoped
public class JobCancellation {
    private final PipelineEventPublisher events;

    public JobCancellation(PipelineEventPublisher events) {
        this.events = events;
    }

    public Job cancel(long jobId, Long userId) {
        Job job = QuarkusTransaction.requiringNew().call(() -> {
            Job found = Job.findById(jobId);
            if (found == null) {
                throw ProblemException.notFound("Job", jobId);
            }
            if (!JobLifecycle.cancel(found, userId, Instant.now()) && found.status != JobStatus.CANCELLED) {
                throw new ProblemException(ErrorCode.JOB_NOT_CANCELLABLE,
                        "Job " + jobId + " is " + found.status + "; only a pending or running job can be cancelled");
            }
            return found;
        });
        events.publish(new PipelineEvent.JobCancelled(job.id, job.fileId == null ? 0 : job.fileId,
                job.cancelledBy == null ? 0 : job.cancelledBy, job.completedAt));
        return job;
    }
}
