package app.mysay.views;

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
import app.mysay.views.ViewsDtos.Acknowledgement;
import app.mysay.views.ViewsDtos.AuthorViews;
import app.mysay.views.ViewsDtos.DraftSaved;
import app.mysay.views.ViewsDtos.SentViews;
import app.mysay.views.ViewsDtos.StaffViews;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

/** A child's views for one conference, as the staff see and handle them. */
@Cancellable(false)
@Path("/conferences/{conferenceId}/children/{childId}")
@Tag(name = "Views")
public class StaffViewsResource {

    private final ViewsService service;
    private final CurrentCaller caller;
    private final ViewsSentCounter counter;

    StaffViewsResource(ViewsService service, CurrentCaller caller, ViewsSentCounter counter) {
        this.service = service;
        this.caller = caller;
        this.counter = counter;
    }

    @GET
    @Path("/views")
    @RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME })
    @Operation(summary = "The newest sent views in the child's own words, the history of versions, and the chair's acknowledgement")
    public Uni<StaffViews> read(@PathParam("conferenceId") UUID conferenceId, @PathParam("childId") UUID childId) {
        return service.read(caller.get(), conferenceId, childId);
    }

    @GET
    @Path("/views/versions/{version}")
    @RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME })
    @Operation(summary = "One earlier sent version")
    public Uni<SentViews> version(@PathParam("conferenceId") UUID conferenceId, @PathParam("childId") UUID childId,
            @PathParam("version") int version) {
        return service.readVersion(caller.get(), conferenceId, childId, version);
    }

    @GET
    @Path("/views/draft")
    @RolesAllowed(Role.ADVOCATE_NAME)
    @Operation(summary = "The advocate's own draft for the child, and what has been sent")
    public Uni<AuthorViews> advocateViews(@PathParam("conferenceId") UUID conferenceId,
            @PathParam("childId") UUID childId) {
        return service.forAuthor(caller.get(), conferenceId, childId);
    }

    @PUT
    @Path("/views/draft")
    @RolesAllowed(Role.ADVOCATE_NAME)
    @Operation(summary = "Save the advocate's draft of the child's views")
    public Uni<DraftSaved> saveDraft(@PathParam("conferenceId") UUID conferenceId, @PathParam("childId") UUID childId,
            @NotNull(message = "Send the views") @Valid ViewsContent content) {
        return service.saveDraft(caller.get(), conferenceId, childId, content);
    }

    @POST
    @Path("/views/send")
    @RolesAllowed(Role.ADVOCATE_NAME)
    @Operation(summary = "An advocate sends views with or on behalf of the child; needs an Idempotency-Key")
    public Uni<Response> send(@PathParam("conferenceId") UUID conferenceId, @PathParam("childId") UUID childId,
            @HeaderParam(ChildViewsResource.IDEMPOTENCY_KEY) String idempotencyKey,
            @NotNull(message = "Send the views") @Valid ViewsContent content) {
        Caller author = caller.get();
        return service.send(author, conferenceId, childId, idempotencyKey, content)
                .invoke(result -> counter.committed(author, result))
                .map(result -> ChildViewsResource.sent(result, "/api/conferences/" + conferenceId + "/children/"
                        + childId + "/views/versions/" + result.receipt().version()));
    }

    @POST
    @Path("/read")
    @RolesAllowed(Role.CHAIR_NAME)
    @Operation(summary = "The chair's \"I have read this\" for the newest version, which the child then sees")
    public Uni<Acknowledgement> acknowledge(@PathParam("conferenceId") UUID conferenceId,
            @PathParam("childId") UUID childId) {
        return service.acknowledge(caller.get(), conferenceId, childId);
    }
}
