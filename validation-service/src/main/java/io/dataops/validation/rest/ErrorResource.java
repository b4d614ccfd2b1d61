package io.dataops.validation.rest;

import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.api.Sort;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.security.Permissions;
import io.dataops.validation.repository.DataError;
import io.dataops.validation.repository.KnownFile;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** DATA_ERRORS through the API: one file's errors, or all of them, filtered and paged. */
@Path("/api/data")
@Produces(MediaType.APPLICATION_JSON)
public class ErrorResource {
    private static final Map<String, String> SORTABLE = Map.of("row_number", "rowNumber", "created_at", "createdAt",
            "error_type", "errorType", "field_name", "fieldName", "id", "id");

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

    private Page<ErrorView> list(Long fileId, Long jobId, String type, String field, Integer page, Integer limit,
                                 String sort) {
        PageRequest request = PageRequest.of(page, limit);
        Sort order = Sort.parse(sort, SORTABLE, "row_number");
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (fileId != null) {
            where.add("sourceFileId = :fileId");
            params.and("fileId", fileId);
        }
        if (jobId != null) {
            where.add("jobId = :jobId");
            params.and("jobId", jobId);
        }
        if (type != null) {
            where.add("errorType = :type");
            params.and("type", type.toUpperCase());
        }
        if (field != null) {
            where.add("fieldName = :field");
            params.and("field", field);
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ")
                + "order by " + order.toSql() + ", id";
        PanacheQuery<DataError> found = DataError.find(query, params).page(request.page() - 1, request.limit());
        return Page.of(found.list().stream().map(ErrorView::of).toList(), found.count(), request);
    }
}
