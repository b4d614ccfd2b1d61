package io.dataops.validation.rest;

import io.dataops.model.api.Page;
import io.dataops.model.security.Permissions;
import io.dataops.validation.service.RuleAdministration;
import io.dataops.validation.service.RuleAdministration.RuleRequest;
import io.dataops.validation.service.RuleAdministration.RuleView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** VALIDATION_RULES: anyone who may read files may read the rules that check them; changing them is rules:manage. */
@Path("/api/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {
    private final RuleAdministration rules;

    public RuleResource(RuleAdministration rules) {
        this.rules = rules;
    }

    @GET
    @RolesAllowed(Permissions.FILES_READ)
    public Page<RuleView> list(@QueryParam("target") String target, @QueryParam("field") String field,
                               @QueryParam("rule_type") String ruleType, @QueryParam("active") Boolean active,
                               @QueryParam("page") Integer page, @QueryParam("limit") Integer limit,
                               @QueryParam("sort") String sort) {
        return rules.list(target, field, ruleType, active, page, limit, sort);
    }

    /** Each rule type and the parameters it takes. */
    @GET
    @Path("/types")
    @RolesAllowed(Permissions.FILES_READ)
    public Map<String, List<String>> types() {
        return RuleAdministration.catalogue();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Permissions.FILES_READ)
    public RuleView get(@PathParam("id") long id) {
        return rules.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Permissions.RULES_MANAGE)
    public Response create(RuleRequest request) {
        RuleView created = rules.create(request);
        return Response.created(URI.create("/api/rules/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Permissions.RULES_MANAGE)
    public RuleView update(@PathParam("id") long id, RuleRequest request) {
        return rules.update(id, request);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Permissions.RULES_MANAGE)
    public Response delete(@PathParam("id") long id) {
        rules.delete(id);
        return Response.noContent().build();
    }
}
