package io.dataops.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.gateway.repository.AuditEntry;
import io.dataops.gateway.service.AccessGate;
import io.dataops.gateway.service.AuditTrail;
import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.security.Permissions;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The audit log, newest first, for holders of audit:read. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuditResource {
    private final AuditTrail audit;
    private final AccessGate gate;
    private final ObjectMapper json;
    private final JsonWebToken jwt;

    public AuditResource(AuditTrail audit, AccessGate gate, ObjectMapper json, JsonWebToken jwt) {
        this.audit = audit;
        this.gate = gate;
        this.json = json;
        this.jwt = jwt;
    }

    public record AuditView(long id, Long userId, String action, String resourceType, Long resourceId,
                            JsonNode oldValue, JsonNode newValue, String ipAddress, String userAgent,
                            Instant createdAt, String service) {
    }

    @GET
    @RolesAllowed(Permissions.AUDIT_READ)
    public Page<AuditView> list(@QueryParam("user_id") Long userId, @QueryParam("action") String action,
                                @QueryParam("resource_type") String resourceType, @QueryParam("from") String from,
                                @QueryParam("to") String to, @QueryParam("page") Integer page,
                                @QueryParam("limit") Integer limit) {
        gate.admitNow(jwt);
        List<FieldError> errors = new ArrayList<>();
        Instant since = instant("from", from, errors);
        Instant until = instant("to", to, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "Invalid time range", errors);
        }
        PageRequest request = PageRequest.of(page, limit);
        Page<AuditEntry> found = audit.search(new AuditTrail.Filter(userId, action, resourceType, since, until), request);
        return new Page<>(found.items().stream().map(this::view).toList(), found.total(), found.page(), found.pages(),
                found.limit());
    }

    private AuditView view(AuditEntry entry) {
        return new AuditView(entry.id, entry.userId, entry.action, entry.resourceType, entry.resourceId,
                parse(entry.oldValue), parse(entry.newValue), entry.ipAddress, entry.userAgent, entry.createdAt,
                entry.service == null ? "gateway-service" : entry.service);
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    private static Instant instant(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2024-01-31T23:59:59Z"));
            return null;
        }
    }
}
