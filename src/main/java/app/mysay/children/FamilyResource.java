package app.mysay.children;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.children.ChildDtos.FamilyView;
import app.mysay.children.ChildDtos.NewFamily;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

@Cancellable(false)
@Path("/families")
@Tag(name = "Families")
@RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME, Role.MANAGER_NAME })
public class FamilyResource {

    private final ChildService service;
    private final CurrentCaller caller;

    FamilyResource(ChildService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    public Uni<List<FamilyView>> families() {
        return service.families(caller.get());
    }

    @GET
    @Path("/{id}")
    public Uni<FamilyView> family(@PathParam("id") UUID id) {
        return service.family(caller.get(), id);
    }

    @POST
    @RolesAllowed(Role.SOCIAL_WORKER_NAME)
    @Operation(summary = "Create a family to group siblings")
    public Uni<Response> createFamily(@NotNull(message = "Send the family's reference") @Valid NewFamily request) {
        return service.createFamily(caller.get(), request)
                .map(family -> Response.created(URI.create("/api/families/" + family.id())).entity(family).build());
    }
}
