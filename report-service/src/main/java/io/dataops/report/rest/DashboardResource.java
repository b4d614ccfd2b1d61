package io.dataops.report.rest;

import io.dataops.model.security.Permissions;
import io.dataops.report.repository.DashboardModel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.ZoneOffset;

/** Seed 6.2 dashboard statistics. "Today" is the current UTC day. */
@Path("/api/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {
    private final DashboardModel model;

    public DashboardResource(DashboardModel model) {
        this.model = model;
    }

    public record Files(long total, long today, long processing, long failed) {
    }

    public record Records(long customers, long orders) {
    }

    public record Errors(long total, long today) {
    }

    public record Jobs(long running, long queued) {
    }

    public record Stats(Files files, Records records, Errors errors, Jobs jobs) {
    }

    @GET
    @Path("/stats")
    @RolesAllowed(Permissions.REPORTS_READ)
    public Stats stats() {
        return from(model.stats(startOfUtcDay(Instant.now())));
    }

    /** "Today" on the dashboard is the UTC day, whatever the server's zone, so every replica counts the same rows. */
    static Instant startOfUtcDay(Instant now) {
        return now.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The read model's numbers in the shape of docs/product-spec.md §6.2 (Dashboard stats). */
    static Stats from(DashboardModel.Stats s) {
        return new Stats(new Files(s.filesTotal(), s.filesToday(), s.filesProcessing(), s.filesFailed()),
                new Records(s.customers(), s.orders()), new Errors(s.errorsTotal(), s.errorsToday()),
                new Jobs(s.jobsRunning(), s.jobsQueued()));
    }
}
