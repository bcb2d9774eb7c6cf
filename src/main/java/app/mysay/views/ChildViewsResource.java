package app.mysay.views;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.security.Caller;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import app.mysay.views.ViewsDtos.AuthorViews;
import app.mysay.views.ViewsDtos.ChildHome;
import app.mysay.views.ViewsDtos.DraftSaved;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

/** The child's own side of the API: their home page, and writing and sending their views. */
@Cancellable(false)
@Path("/child")
@Tag(name = "The child")
@RolesAllowed(Role.CHILD_NAME)
public class ChildViewsResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ViewsService service;
    private final CurrentCaller caller;
    private final ViewsSentCounter counter;

    ChildViewsResource(ViewsService service, CurrentCaller caller, ViewsSentCounter counter) {
        this.service = service;
        this.caller = caller;
        this.counter = counter;
    }

    @GET
    @Path("/me")
    @Operation(summary = "The child's conferences: sent, read by the chair, and the chair's message afterwards")
    public Uni<ChildHome> home() {
        return service.home(caller.get());
    }

    @GET
    @Path("/conferences/{conferenceId}/views")
    @Operation(summary = "The child's draft and what they have sent")
    public Uni<AuthorViews> views(@PathParam("conferenceId") UUID conferenceId) {
        Caller child = caller.get();
        return service.forAuthor(child, conferenceId, child.id());
    }

    @PUT
    @Path("/conferences/{conferenceId}/views/draft")
    @Operation(summary = "Save the child's draft (nobody else can read it)")
    public Uni<DraftSaved> saveDraft(@PathParam("conferenceId") UUID conferenceId,
            @NotNull(message = "Send the views") @Valid ViewsContent content) {
        Caller child = caller.get();
        return service.saveDraft(child, conferenceId, child.id(), content);
    }

    @POST
    @Path("/conferences/{conferenceId}/views/send")
    @Operation(summary = "Send the views to the chair and social worker as a new version; needs an Idempotency-Key")
    public Uni<Response> send(@PathParam("conferenceId") UUID conferenceId,
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @NotNull(message = "Send the views") @Valid ViewsContent content) {
        Caller child = caller.get();
        return service.send(child, conferenceId, child.id(), idempotencyKey, content)
                .invoke(result -> counter.committed(child, result))
                .map(result -> sent(result, "/api/child/conferences/" + conferenceId + "/views"));
    }

    static Response sent(ViewsDtos.SendResult result, String location) {
        Response.ResponseBuilder response = Response.created(URI.create(location)).entity(result.receipt());
        if (result.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
