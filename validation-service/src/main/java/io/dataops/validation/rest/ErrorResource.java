package io.dataops.validation.rest;

import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.api.Sort;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.security.Permissions;
import io.dataops.platform.listing.ListQuery;
import io.dataops.validation.repository.DataError;
import io.dataops.validation.repository.ErrorExport;
import io.dataops.validation.repository.KnownFile;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.time.Instant;
import java.util.Map;

/** DATA_ERRORS through the API: one file's errors, or all of them, filtered and paged. */
@Path("/api/data")
@Produces(MediaType.APPLICATION_JSON)
public class ErrorResource {
    private static final Map<String, String> SORTABLE = Map.of("row_number", "rowNumber", "created_at", "createdAt",
            "error_type", "errorType", "field_name", "fieldName", "id", "id");

    private final ErrorExport export;

    public ErrorResource(ErrorExport export) {
        this.export = export;
    }

    public record ErrorView(long id, long fileId, long jobId, long rowNumber, String fieldName, String fieldValue,
                            String errorType, String errorMessage, String rawData, Instant createdAt) {
        static ErrorView of(DataError e) {
            return new ErrorView(e.id, e.sourceFileId, e.jobId, e.rowNumber, e.fieldName, e.fieldValue, e.errorType,
                    e.errorMessage, e.rawData, e.createdAt);
        }
    }

    @GET
    @Path("/files/{id}/errors")
    @RolesAllowed(Permissions.FILES_READ)
    public Page<ErrorView> forFile(@PathParam("id") long fileId, @QueryParam("job_id") Long jobId,
                                   @QueryParam("error_type") String type, @QueryParam("field") String field,
                                   @QueryParam("page") Integer page, @QueryParam("limit") Integer limit,
                                   @QueryParam("sort") String sort) {
        if (KnownFile.findById(fileId) == null) {
            throw ProblemException.notFound("File", fileId);
        }
        return list(fileId, jobId, type, field, page, limit, sort);
    }

    @GET
    @Path("/errors")
    @RolesAllowed(Permissions.DATA_READ)
    public Page<ErrorView> all(@QueryParam("file_id") Long fileId, @QueryParam("job_id") Long jobId,
                               @QueryParam("error_type") String type, @QueryParam("field") String field,
                               @QueryParam("page") Integer page, @QueryParam("limit") Integer limit,
                               @QueryParam("sort") String sort) {
        return list(fileId, jobId, type, field, page, limit, sort);
    }

    /** One file's errors as CSV, streamed; the same filters and sort as the JSON list. */
    @GET
    @Path("/files/{id}/errors/export")
    @Produces("text/csv")
    @RolesAllowed(Permissions.DATA_EXPORT)
    public Response exportForFile(@PathParam("id") long fileId, @QueryParam("job_id") Long jobId,
                                  @QueryParam("error_type") String type, @QueryParam("field") String field,
                                  @QueryParam("sort") String sort) {
        if (KnownFile.findById(fileId) == null) {
            throw ProblemException.notFound("File", fileId);
        }
        return csv("errors_file_" + fileId + ".csv", new ErrorExport.Filter(fileId, jobId, type, field), sort);
    }

    /** Errors across files as CSV, streamed. */
    @GET
    @Path("/errors/export")
    @Produces("text/csv")
    @RolesAllowed(Permissions.DATA_EXPORT)
    public Response exportAll(@QueryParam("file_id") Long fileId, @QueryParam("job_id") Long jobId,
                              @QueryParam("error_type") String type, @QueryParam("field") String field,
                              @QueryParam("sort") String sort) {
        return csv("errors.csv", new ErrorExport.Filter(fileId, jobId, type, field), sort);
    }

    private Response csv(String fileName, ErrorExport.Filter filter, String sort) {
        // parsed before the first byte goes out, so a bad sort is still a 400 problem, not a broken download
        Sort order = Sort.parse(sort, ErrorExport.SORT_COLUMNS, "row_number");
        StreamingOutput body = out -> export.write(filter, order, out);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }

    private Page<ErrorView> list(Long fileId, Long jobId, String type, String field, Integer page, Integer limit,
                                 String sort) {
        PageRequest request = PageRequest.of(page, limit);
        return ListQuery.where()
                .equal("sourceFileId", fileId)
                .equal("jobId", jobId)
                .equal("errorType", type == null ? null : type.toUpperCase())
                .equal("fieldName", field)
                .orderBy(Sort.parse(sort, SORTABLE, "row_number"), "id")
                .page(request, (jpql, params) -> DataError.find(jpql, params), ErrorView::of);
    }
}
