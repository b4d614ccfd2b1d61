package io.dataops.ingest.service;

import io.dataops.ingest.client.JobClient;
import io.dataops.platform.messaging.PipelineEventPublisher;
import io.dataops.ingest.repository.DataFile;
import io.dataops.ingest.parsing.CsvDialect;
import io.dataops.ingest.parsing.RowReaders;
import io.dataops.ingest.repository.FileRun;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.LoadMode;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.ValidationRules;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.status.FileStatus;
import io.dataops.model.targets.TargetTable;
import io.dataops.model.targets.TargetTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Starts a processing run of an uploaded file: checks the request, gets a job, queues the run, answers at once. */
@ApplicationScoped
public class FileProcessing {
    public static final String JOB_TYPE = "file_processing";
    /** The job type of a run of a file that was run before: a new job, the same file. */
    public static final String REPROCESS_JOB_TYPE = "reprocess";

    private final JobClient jobs;
    private final RowEmitter emitter;
    private final PipelineEventPublisher events;
    private final FileIngestion files;

    public FileProcessing(@RestClient JobClient jobs, RowEmitter emitter, PipelineEventPublisher events,
                          FileIngestion files) {
        this.files = files;
        this.jobs = jobs;
        this.emitter = emitter;
        this.events = events;
    }

    public record Started(long jobId, long fileId) {
    }

    /** How to read the file; null members mean "detect" (delimiter) or UTF-8 (encoding). */
    public record ReadOptions(String delimiter, String encoding) {
    }

    /** @param modeName the process body's {@code mode}: insert (default) or upsert */
    public Started start(long fileId, String targetName, ValidationRules requested, ReadOptions options,
                         String modeName, String authorization) {
        DataFile file = DataFile.findById(fileId);
        if (file == null) {
            throw ProblemException.notFound("File", fileId);
        }
        if (file.status == FileStatus.PROCESSING) {
            throw new ProblemException(ErrorCode.CONFLICT, "File " + fileId + " is already being processed");
        }
        TargetTable target = TargetTables.require(targetName);
        ValidationRules rules = requested == null ? ValidationRules.none() : requested;
        checkRuleFields(target, rules);
        LoadMode mode = loadMode(modeName);
        Charset encoding = CsvDialect.encoding(options == null ? null : options.encoding());
        Character delimiter = CsvDialect.delimiter(options == null ? null : options.delimiter());
        CsvDialect dialect = "json".equals(file.fileType) ? null : detect(file, delimiter, encoding);

        long jobId = createJob(file, target, rules, mode, authorization);
        queue(fileId, jobId, target, rules, mode, dialect, encoding);
        events.publish(new PipelineEvent.FileProcessingRequested(jobId, fileId, target.name(), Instant.now(), mode));
        emitter.submit(jobId);
        return new Started(jobId, fileId);
    }

    static void checkRuleFields(TargetTable target, ValidationRules rules) {
        List<FieldError> errors = new ArrayList<>();
        Stream.of(Map.entry("required_fields", rules.requiredFields()), Map.entry("email_format", rules.emailFields()),
                        Map.entry("positive_numbers", rules.positiveNumberFields()))
                .forEach(rule -> rule.getValue().stream()
                        .filter(field -> target.column(field).isEmpty())
                        .forEach(field -> errors.add(new FieldError("validation_rules." + rule.getKey(),
                                "'" + field + "' is not a column of " + target.name()))));
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.RULE_FIELD_UNKNOWN,
                    "The rules name fields that " + target.name() + " does not have", errors);
        }
    }

    static LoadMode loadMode(String name) {
        try {
            return LoadMode.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "Unknown load mode '" + name + "'",
                    List.of(new FieldError("mode", "must be one of insert, upsert")));
        }
    }

    private long createJob(DataFile file, TargetTable target, ValidationRules rules, LoadMode mode,
                           String authorization) {
        try {
            boolean rerun = FileRun.count("fileId", file.id) > 0;
            return jobs.create(authorization, new JobClient.NewJob((rerun ? "Reprocess " : "Process ") + file.originalName,
                    rerun ? REPROCESS_JOB_TYPE : JOB_TYPE, file.id,
                    Map.of("file_id", file.id, "target_table", target.name(), "validation_rules", rules,
                            "mode", mode.wireName()))).id();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401 || status == 403) {
                throw new ProblemException(status == 401 ? ErrorCode.UNAUTHORIZED : ErrorCode.FORBIDDEN,
                        "job-service refused to create the job for this user");
            }
            throw new ProblemException(ErrorCode.UPSTREAM_UNAVAILABLE, "job-service answered " + status);
        } catch (ProcessingException e) {
            throw new ProblemException(ErrorCode.UPSTREAM_UNAVAILABLE, "job-service cannot be reached");
        }
    }

    private CsvDialect detect(DataFile file, Character delimiter, Charset encoding) {
        try {
            return RowReaders.csvDialect(files.contentOf(file), delimiter, encoding);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "The file is not valid " + encoding.name()
                    + "; name its encoding", List.of(new FieldError("encoding", "does not match the file's bytes")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Transactional
    void queue(long fileId, long jobId, TargetTable target, ValidationRules rules, LoadMode mode, CsvDialect dialect,
               Charset encoding) {
        DataFile file = DataFile.findById(fileId);
        file.status = FileStatus.PROCESSING;
        file.errorMessage = null;
        file.processedAt = null;
        FileRun run = new FileRun();
        run.jobId = jobId;
        run.fileId = fileId;
        run.targetTable = target.name();
        run.rules = EventCodec.encode(rules);
        run.loadMode = mode.wireName();
        run.state = FileRun.QUEUED;
        run.delimiter = dialect == null ? null : dialect.delimiterName();
        run.encoding = encoding.name().toLowerCase(java.util.Locale.ROOT);
        run.createdAt = Instant.now();
        run.persist();
    }
}
