package app.mysay.children;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.children.ChildDtos.ChildDetails;
import app.mysay.children.ChildDtos.ChildView;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

@Cancellable(false)
@Path("/children")
@Tag(name = "Children")
@RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME, Role.MANAGER_NAME })
public class ChildResource {

    private final ChildService service;
    private final CurrentCaller caller;

    ChildResource(ChildService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The children the caller may see (a manager sees none)")
    public Uni<List<ChildView>> list(@QueryParam("familyId") UUID familyId) {
        return service.list(caller.get(), familyId);
    }

    @GET
    @Path("/{id}")
    public Uni<ChildView> get(@PathParam("id") UUID id) {
        return service.get(caller.get(), id);
    }

    @POST
    @RolesAllowed(Role.SOCIAL_WORKER_NAME)
    @Operation(summary = "Add a child; the social worker adding them becomes their allocated social worker")
    public Uni<Response> create(@NotNull(message = "Send the child's details") @Valid ChildDetails details) {
        return service.create(caller.get(), details)
                .map(child -> Response.created(URI.create("/api/children/" + child.id())).entity(child).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Role.SOCIAL_WORKER_NAME)
    @Operation(summary = "Change a child's details, e.g. allocate an advocate")
    public Uni<ChildView> update(@PathParam("id") UUID id,
            @NotNull(message = "Send the child's details") @Valid ChildDetails details) {
        return service.update(caller.get(), id, details);
    }
}
