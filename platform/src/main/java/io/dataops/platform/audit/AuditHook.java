package io.dataops.platform.audit;

import io.dataops.platform.config.PlatformConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.model.audit.AuditActions;
import io.dataops.model.audit.AuditEvent;
import io.dataops.model.audit.RequestOrigin;
import io.dataops.model.security.TokenClaims;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Records every successful POST/PUT/PATCH/DELETE of a resource method at every service as an {@link AuditEvent} on
 * {@code dataops.audit}: who (token), what (method + route template, AuditActions), which resource (path id or the
 * created entity's id), from where (client address, user agent), and the old/new values a resource attached to
 * {@link AuditContext}. The gateway stores them in AUDIT_LOG.
 */
public class AuditHook {
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private final PlatformConfig config;
    private final CurrentIdentityAssociation identities;
    private final AuditContext context;
    private final AuditPublisher publisher;
    private final RequestOrigins origins;
    private final ObjectMapper json;
    private final String service;

    public AuditHook(PlatformConfig config, CurrentIdentityAssociation identities, AuditContext context,
                     AuditPublisher publisher, RequestOrigins origins, ObjectMapper json,
                     // Quarkus's own application name: which service the event comes from
                     @ConfigProperty(name = "quarkus.application.name") String service) {
        this.config = config;
        this.identities = identities;
        this.context = context;
        this.publisher = publisher;
        this.origins = origins;
        this.json = json;
        this.service = service;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource,
                            HttpServerRequest http) {
        // Keyed on "a resource method ran", never on the raw path, which can be spelled many ways to one route.
        if (!config.audit().publish() || !CHANGES.contains(request.getMethod()) || response.getStatus() >= 300
                || response.getStatus() < 200 || resource.getResourceMethod() == null || context.skipped()) {
            return Uni.createFrom().voidItem();
        }
        AuditActions.Described described = AuditActions.describe(request.getMethod(), template(resource));
        String action = context.action() != null ? context.action() : described.action();
        String type = context.resourceType() != null ? context.resourceType() : described.resourceType();
        Long id = context.resourceId() != null ? context.resourceId() : resourceId(request, response);
        RequestOrigin origin = origins.of(http);
        JsonNode oldValue = context.oldValue() == null ? null : json.valueToTree(context.oldValue());
        JsonNode newValue = context.newValue() == null ? null : json.valueToTree(context.newValue());
        return identities.getDeferredIdentity().onFailure().recoverWithNull().invoke(identity -> publisher.publish(
                new AuditEvent(UUID.randomUUID().toString(), Instant.now(), service, userId(identity), username(identity),
                        action, type, id, oldValue, newValue, origin.ipAddress(), origin.userAgent()))).replaceWithVoid();
    }

    private static String template(ResourceInfo resource) {
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        Method method = resource.getResourceMethod();
        Path own = method.getAnnotation(Path.class);
        return (type == null ? "" : type.value()) + "/" + (own == null ? "" : own.value());
    }

    /** The {@code id} path parameter, else the first numeric one, else the {@code id} of the created entity. */
    private Long resourceId(ContainerRequestContext request, ContainerResponseContext response) {
        var params = request.getUriInfo().getPathParameters();
        Long fromPath = number(params.getFirst("id"));
        if (fromPath != null) {
            return fromPath;
        }
        for (List<String> values : params.values()) {
            Long value = values.isEmpty() ? null : number(values.get(0));
            if (value != null) {
                return value;
            }
        }
        Object entity = response.getEntity();
        if (entity == null || entity instanceof String || entity instanceof byte[] || entity instanceof java.io.InputStream) {
            return null;
        }
        try {
            JsonNode tree = json.valueToTree(entity);
            JsonNode id = tree == null ? null : tree.get("id");
            return id != null && id.canConvertToLong() ? id.asLong() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Long number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long userId(SecurityIdentity identity) {
        if (identity != null && identity.getPrincipal() instanceof JsonWebToken token) {
            return TokenClaims.userId(token.getClaim(TokenClaims.USER_ID));
        }
        return null;
    }

    private static String username(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }
}
