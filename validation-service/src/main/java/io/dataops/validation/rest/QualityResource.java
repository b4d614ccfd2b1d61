package io.dataops.validation.rest;

import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.security.Permissions;
import io.dataops.validation.repository.FileQuality;
import io.dataops.validation.repository.KnownFile;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.time.Instant;

/** A file's quality score: its newest run's, or the run given by {@code job_id}. */
@Path("/api/data/files/{id}/quality")
@Produces(MediaType.APPLICATION_JSON)
public class QualityResource {

    public record QualityView(long fileId, long jobId, String target, long rows, long cells, long filledCells,
                              long validRows, long distinctKeys, BigDecimal completeness, BigDecimal validity,
                              BigDecimal uniqueness, BigDecimal qualityScore, Instant computedAt) {
        static QualityView of(FileQuality q) {
            return new QualityView(q.fileId, q.jobId, q.target, q.rowsRead, q.cellsTotal, q.cellsFilled, q.rowsValid,
                    q.distinctKeys, q.completeness, q.validity, q.uniqueness, q.qualityScore, q.computedAt);
        }
    }

    @GET
    @RolesAllowed(Permissions.FILES_READ)
    @Transactional
    public QualityView get(@PathParam("id") long fileId, @QueryParam("job_id") Long jobId) {
        if (KnownFile.findById(fileId) == null) {
            throw ProblemException.notFound("File", fileId);
        }
        FileQuality quality = FileQuality.latest(fileId, jobId);
        if (quality == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "File " + fileId + " has no quality score yet"
                    + (jobId == null ? "" : " for job " + jobId) + "; it is computed when a run's rows end");
        }
        return QualityView.of(quality);
    }
}
