package io.dataops.gateway.rest;

import io.dataops.platform.audit.RequestOrigins;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dataops.gateway.repository.User;
import io.dataops.gateway.service.AccessGate;
import io.dataops.gateway.service.UserDirectory;
import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.security.Permissions;
import io.dataops.model.security.Roles;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Seed 6.1 user administration, for holders of users:manage. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@RolesAllowed(Permissions.USERS_MANAGE)
public class UserResource {
    private final UserDirectory users;
    private final AccessGate gate;
    private final RequestOrigins origins;
    private final JsonWebToken jwt;

    public UserResource(UserDirectory users, AccessGate gate, RequestOrigins origins, JsonWebToken jwt) {
        this.users = users;
        this.gate = gate;
        this.origins = origins;
        this.jwt = jwt;
    }

    public record UserDetails(long id, String username, String email, String role,
                              @JsonProperty("is_active") boolean active, Instant createdAt, Instant updatedAt) {
        static UserDetails of(User user) {
            return new UserDetails(user.id, user.username, user.email, user.role, user.active(), user.createdAt,
                    user.updatedAt);
        }
    }

    public record CreateRequest(String username, String email, String password, String role) {
    }

    public record UpdateRequest(String role, @JsonProperty("is_active") Boolean active, String email, String password) {
    }

    @GET
    public Page<UserDetails> list(@QueryParam("search") String search, @QueryParam("role") String role,
                                  @QueryParam("is_active") Boolean active, @QueryParam("page") Integer page,
                                  @QueryParam("limit") Integer limit) {
        gate.admitNow(jwt);
        if (role != null && !Roles.isKnown(role)) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "Unknown role",
                    List.of(new FieldError("role", "must be one of " + String.join(", ", Roles.ALL))));
        }
        PageRequest request = PageRequest.of(page, limit);
        Page<User> found = users.list(new UserDirectory.Filter(search, role, active), request);
        return new Page<>(found.items().stream().map(UserDetails::of).toList(), found.total(), found.page(),
                found.pages(), found.limit());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateRequest request, @Context HttpServerRequest http) {
        gate.admitNow(jwt);
        if (request == null) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "A JSON body is required");
        }
        User user = users.create(new UserDirectory.NewUser(request.username(), request.email(), request.password(),
                request.role()), actorId(), origins.of(http));
        return Response.created(URI.create("/api/users/" + user.id)).entity(UserDetails.of(user)).build();
    }

    @GET
    @Path("/{id}")
    public UserDetails get(@PathParam("id") long id) {
        gate.admitNow(jwt);
        return UserDetails.of(users.get(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserDetails update(@PathParam("id") long id, UpdateRequest request, @Context HttpServerRequest http) {
        gate.admitNow(jwt);
        if (request == null) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "A JSON body is required");
        }
        return UserDetails.of(users.update(id, new UserDirectory.Changes(request.role(), request.active(),
                request.email(), request.password()), actorId(), origins.of(http)));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id, @Context HttpServerRequest http) {
        gate.admitNow(jwt);
        users.delete(id, actorId(), origins.of(http));
        return Response.noContent().build();
    }

    private long actorId() {
        Long id = AccessGate.userIdOf(jwt);
        if (id == null) {
            throw new ProblemException(ErrorCode.UNAUTHORIZED, "The token names no user");
        }
        return id;
    }
}
