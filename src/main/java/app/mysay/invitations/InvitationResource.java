package app.mysay.invitations;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.invitations.InvitationDtos.InvitationView;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

@Cancellable(false)
@Path("/conferences/{conferenceId}/children/{childId}/invitations")
@Tag(name = "Invitations")
@RolesAllowed(Role.SOCIAL_WORKER_NAME)
public class InvitationResource {

    private final InvitationService invitations;
    private final CurrentCaller caller;

    InvitationResource(InvitationService invitations, CurrentCaller caller) {
        this.invitations = invitations;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Invite a child to give views: a one-time code and a link carrying it, shown only now. "
            + "Any earlier unused invitation stops working.")
    public Uni<Response> invite(@PathParam("conferenceId") UUID conferenceId, @PathParam("childId") UUID childId) {
        return invitations.invite(caller.get(), conferenceId, childId)
                .map(created -> Response.created(URI.create("/api/conferences/" + conferenceId + "/children/" + childId
                        + "/invitations")).entity(created).build());
    }

    @GET
    @Operation(summary = "The invitations sent to a child for a conference, and whether each was used")
    public Uni<List<InvitationView>> list(@PathParam("conferenceId") UUID conferenceId,
            @PathParam("childId") UUID childId) {
        return invitations.list(caller.get(), conferenceId, childId);
    }
}
