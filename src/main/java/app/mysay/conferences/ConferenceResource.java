package app.mysay.conferences;

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

import app.mysay.common.QueryParams;
import app.mysay.conferences.ConferenceDtos.ConferenceView;
import app.mysay.conferences.ConferenceDtos.Decision;
import app.mysay.conferences.ConferenceDtos.NewConference;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

@Cancellable(false)
@Path("/conferences")
@Tag(name = "Conferences")
@RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME, Role.MANAGER_NAME })
public class ConferenceResource {

    private final ConferenceService service;
    private final CurrentCaller caller;

    ConferenceResource(ConferenceService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The conferences the caller may see, soonest first, with each child's status (never content)",
            description = "scope=current gives only those still scheduled and those decided within the last "
                    + "mysay.conferences.recently-held (28 days unless set); scope=all, the default, gives every one.")
    public Uni<List<ConferenceView>> list(@QueryParam("scope") String scope) {
        QueryParams params = new QueryParams();
        String chosen = params.choice("scope", scope, "current", "all");
        params.check();
        return service.list(caller.get(), "current".equals(chosen));
    }

    @GET
    @Path("/{id}")
    public Uni<ConferenceView> get(@PathParam("id") UUID id) {
        return service.get(caller.get(), id);
    }

    @POST
    @RolesAllowed(Role.SOCIAL_WORKER_NAME)
    @Operation(summary = "Arrange a conference for children allocated to the caller")
    public Uni<Response> create(@NotNull(message = "Send the conference's details") @Valid NewConference request) {
        return service.create(caller.get(), request)
                .map(c -> Response.created(URI.create("/api/conferences/" + c.id())).entity(c).build());
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME })
    public Uni<ConferenceView> cancel(@PathParam("id") UUID id) {
        return service.cancel(caller.get(), id);
    }

    @PUT
    @Path("/{id}/decision")
    @RolesAllowed(Role.CHAIR_NAME)
    @Operation(summary = "The chair records the decision for each child, and a message each child will see")
    public Uni<ConferenceView> decision(@PathParam("id") UUID id,
            @NotNull(message = "Send the decision") @Valid Decision decision) {
        return service.recordDecision(caller.get(), id, decision);
    }
}
