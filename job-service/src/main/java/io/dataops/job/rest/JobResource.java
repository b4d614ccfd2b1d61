package io.dataops.job.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.job.config.JobConfig;
import io.dataops.job.repository.Job;
import io.dataops.job.service.JobCancellation;
import io.dataops.job.service.ProgressEstimate;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.jboss.resteasy.reactive.RestStreamElementType;
import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.api.Sort;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.security.Permissions;
import io.dataops.model.security.TokenClaims;
import io.dataops.model.status.JobStatus;
import io.dataops.platform.listing.ListQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Seed 6.1 jobs endpoints. */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    private static final Map<String, String> SORTABLE = Map.of("id", "id", "created_at", "createdAt",
            "started_at", "startedAt", "completed_at", "completedAt", "status", "status", "job_type", "jobType");

    private final JsonWebToken token;
    private final ObjectMapper json;

    private final JobCancellation cancellation;
    private final JobConfig config;
    private final EventStreamAccess streamAccess;

    public JobResource(JsonWebToken token, ObjectMapper json, JobCancellation cancellation, JobConfig config,
                       EventStreamAccess streamAccess) {
        this.token = token;
        this.streamAccess = streamAccess;
        this.json = json;
        this.cancellation = cancellation;
        this.config = config;
    }

    public record NewJob(String jobName, String jobType, Long fileId, JsonNode parameters) {

        /** What is wrong with a request body, field by field; a missing body is wrong in every required field. */
        public static List<FieldError> problems(NewJob request) {
            List<FieldError> errors = new ArrayList<>();
            if (request == null || request.jobName() == null || request.jobName().isBlank() || request.jobName().length() > 100) {
                errors.add(new FieldError("job_name", "is required, at most 100 characters"));
            }
            if (request == null || request.jobType() == null || !request.jobType().matches("[a-z_]{1,50}")) {
                errors.add(new FieldError("job_type", "is required: lower-case letters and underscores, at most 50"));
            }
            if (request != null && request.fileId() != null && request.fileId() <= 0) {
                errors.add(new FieldError("file_id", "must be a positive id"));
            }
            if (request != null && request.parameters() != null && !request.parameters().isNull() && !request.parameters().isObject()) {
                errors.add(new FieldError("parameters", "must be a JSON object"));
            }
            return errors;
        }
    }

    /**
     * Live counters: rows validated ({@code rows_read}), valid, rejected and loaded so far, the file's row total
     * once known, and the estimate derived from them ({@link ProgressEstimate}).
     */
    public record Progress(long rowsRead, long rowsValid, long rowsRejected, long rowsLoaded, Long rowsTotal,
                           Double percent, Double rowsPerSecond, Long etaSeconds) {
    }

    public record JobView(long id, String jobName, String jobType, JobStatus status, Long fileId, Long startedBy,
                          Instant createdAt, Instant startedAt, Instant completedAt, JsonNode parameters,
                          JsonNode result, String errorMessage, Progress progress) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Permissions.JOBS_CREATE)
    @Transactional
    public Response create(NewJob request) {
        List<FieldError> errors = NewJob.problems(request);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "The job is not valid", errors);
        }
        Job job = new Job();
        job.jobName = request.jobName();
        job.jobType = request.jobType();
        job.fileId = request.fileId();
        job.status = JobStatus.PENDING;
        job.startedBy = userId();
        job.createdAt = Instant.now();
        job.parameters = request.parameters() == null || request.parameters().isNull() ? null : request.parameters().toString();
        job.persist();
        return Response.status(Response.Status.CREATED).entity(view(job)).build();
    }

    @GET
    @RolesAllowed(Permissions.JOBS_READ)
    public Page<JobView> list(@QueryParam("status") String status, @QueryParam("job_type") String jobType,
                              @QueryParam("file_id") Long fileId, @QueryParam("page") Integer page,
                              @QueryParam("limit") Integer limit, @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, limit);
        return ListQuery.where()
                .equalNamed("status", status, JobStatus::of)
                .equal("jobType", jobType)
                .equal("fileId", fileId)
                .orderBy(Sort.parse(sort, SORTABLE, "-created_at"), "id desc")
                .page(request, (jpql, params) -> Job.find(jpql, params), this::view);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Permissions.JOBS_READ)
    public JobView get(@PathParam("id") long id) {
        Job job = Job.findById(id);
        if (job == null) {
            throw ProblemException.notFound("Job", id);
        }
        return view(job);
    }

    /** Cancels a pending or running job; idempotent for a cancelled one, 409 for a finished one. */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Permissions.JOBS_CANCEL)
    public JobView cancel(@PathParam("id") long id) {
        return view(cancellation.cancel(id, userId()));
    }

    /**
     * Server-sent events: the job as {@link #get} answers it, first at once and then whenever it changed (looked at
     * every {@code dataops.job.events-interval}); the stream ends after the event that shows the job finished.
     * It reads JOBS, not Kafka, so any replica serves any job. It also ends, without a last event, when its token
     * expires or is refused later (EventStreamAccess): a logout or a role change reaches open streams too.
     */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed(Permissions.JOBS_READ)
    @Blocking
    public Multi<JobView> events(@PathParam("id") long id) {
        get(id);
        EventStreamAccess.Watch access = streamAccess.watch(token);
        AtomicBoolean ended = new AtomicBoolean();
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.eventsInterval())
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .select().first(tick -> access.stillAdmitted())
                .map(tick -> QuarkusTransaction.requiringNew().call(() -> {
                    Job job = Job.findById(id);
                    return job == null ? null : view(job);
                }))
                .skip().where(java.util.Objects::isNull)
                // inclusive "until finished": the finished view passes, the next tick ends the stream
                .select().first(view -> {
                    boolean send = !ended.get();
                    if (view.status().finished()) {
                        ended.set(true);
                    }
                    return send;
                })
                .skip().repetitions();
    }

    private JobView view(Job job) {
        ProgressEstimate estimate = ProgressEstimate.of(job, Instant.now());
        return new JobView(job.id, job.jobName, job.jobType, job.status, job.fileId, job.startedBy, job.createdAt,
                job.startedAt, job.completedAt, parse(job.parameters), parse(job.result), job.errorMessage,
                new Progress(job.rowsRead, job.rowsValid, job.rowsRejected, job.rowsLoaded, job.rowsTotal,
                        estimate.percent(), estimate.rowsPerSecond(), estimate.etaSeconds()));
    }

    private JsonNode parse(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }

    private Long userId() {
        Object uid = token.getClaim(TokenClaims.USER_ID);
        return uid == null ? null : uid instanceof Number n ? n.longValue() : Long.valueOf(String.valueOf(uid));
    }
}
