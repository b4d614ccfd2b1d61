package io.dataops.ingest.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dataops.ingest.repository.DataFile;
import io.dataops.ingest.repository.DataFileRepository;
import io.dataops.ingest.service.FileDeletion;
import io.dataops.ingest.service.FileIngestion;
import io.dataops.ingest.service.FilePreview;
import io.dataops.ingest.service.FileProcessing;
import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.api.Sort;
import io.dataops.model.events.ValidationRules;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.ProblemException;
import io.dataops.platform.audit.AuditContext;
import io.dataops.model.security.Permissions;
import io.dataops.model.security.TokenClaims;
import io.dataops.model.status.FileStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.time.Instant;

@Path("/api/data")
@Produces(MediaType.APPLICATION_JSON)
public class FileResource {
    private final FileIngestion ingestion;
    private final FileProcessing processing;
    private final DataFileRepository repository;
    private final JsonWebToken token;
    private final FilePreview previews;
    private final FileDeletion deletion;
    private final AuditContext audit;

    public FileResource(FileIngestion ingestion, FileProcessing processing, DataFileRepository repository,
                        JsonWebToken token, FilePreview previews, FileDeletion deletion, AuditContext audit) {
        this.deletion = deletion;
        this.audit = audit;
        this.previews = previews;
        this.ingestion = ingestion;
        this.processing = processing;
        this.repository = repository;
        this.token = token;
    }

    /** Seed 6.2 upload response, and the detail shape of one file. */
    public record FileView(long id, String filename, String originalName, String fileType, long fileSize,
                           String sha256, Long rowCount, FileStatus status, long uploadedBy, Instant uploadedAt,
                           Instant processedAt, String errorMessage, java.math.BigDecimal qualityScore) {
        static FileView of(DataFile f) {
            return new FileView(f.id, f.filename, f.originalName, f.fileType, f.fileSize, f.sha256, f.rowCount,
                    f.status, f.uploadedBy, f.uploadedAt, f.processedAt, f.errorMessage, f.qualityScore);
        }
    }

    public record ProcessRequest(@JsonProperty("target_table") String targetTable,
                                 @JsonProperty("validation_rules") ValidationRules validationRules,
                                 String delimiter, String encoding, String mode) {
    }

    public record ProcessResponse(long jobId, long fileId, FileStatus status, String message) {
    }

    @POST
    @Path("/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Permissions.FILES_CREATE)
    public Response upload(@RestForm("file") FileUpload file) {
        if (file == null) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "Send the file as a multipart part named 'file'");
        }
        DataFile stored = ingestion.accept(file.uploadedFile(), file.fileName(), file.contentType(), userId());
        FileView view = FileView.of(stored);
        audit.action("FILE_UPLOAD").resource("file", stored.id).newValue(view);
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @GET
    @Path("/files")
    @RolesAllowed(Permissions.FILES_READ)
    public Page<FileView> list(@QueryParam("status") String status, @QueryParam("file_type") String fileType,
                               @QueryParam("search") String search, @QueryParam("page") Integer page,
                               @QueryParam("limit") Integer limit, @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, limit);
        return repository.find(new DataFileRepository.Filter(status, fileType, search),
                Sort.parse(sort, DataFileRepository.SORTABLE, "-uploaded_at"), request, FileView::of);
    }

    @GET
    @Path("/files/{id}")
    @RolesAllowed(Permissions.FILES_READ)
    public FileView get(@PathParam("id") long id) {
        DataFile file = DataFile.findById(id);
        if (file == null) {
            throw ProblemException.notFound("File", id);
        }
        return FileView.of(file);
    }

    @POST
    @Path("/files/{id}/process")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Permissions.FILES_PROCESS)
    public Response process(@PathParam("id") long id, ProcessRequest request,
                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (request == null || request.targetTable() == null) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "target_table is required");
        }
        FileProcessing.Started started = processing.start(id, request.targetTable(), request.validationRules(),
                new FileProcessing.ReadOptions(request.delimiter(), request.encoding()), request.mode(), authorization);
        return Response.accepted(new ProcessResponse(started.jobId(), started.fileId(), FileStatus.PROCESSING,
                "Processing started")).build();
    }

    /** Deletes the file, its content, errors and ledgers; loaded rows stay with their provenance. 409 while it runs. */
    @DELETE
    @Path("/files/{id}")
    @RolesAllowed(Permissions.FILES_DELETE)
    public Response delete(@PathParam("id") long id) {
        DataFile before = DataFile.findById(id);
        if (before != null) {
            audit.oldValue(FileView.of(before));
        }
        deletion.delete(id, userId());
        return Response.noContent().build();
    }

    @GET
    @Path("/files/{id}/preview")
    @RolesAllowed(Permissions.FILES_READ)
    public FilePreview.Preview preview(@PathParam("id") long id, @QueryParam("rows") Integer rows,
                                       @QueryParam("delimiter") String delimiter, @QueryParam("encoding") String encoding) {
        return previews.preview(id, rows == null ? 20 : rows, new FileProcessing.ReadOptions(delimiter, encoding));
    }

    private long userId() {
        Object uid = token.getClaim(TokenClaims.USER_ID);
        return uid instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(uid));
    }
}
