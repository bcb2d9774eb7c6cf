package app.mysay.attachments;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * A child's voice notes and pictures as staff reach them: whoever may read the child's sent views hears and sees those
 * a sent version names; an advocate adds them when giving views with or for the child, and may hear, see and delete
 * their own before sending.
 */
@Cancellable(false)
@Path("/conferences/{conferenceId}/children/{childId}/attachments")
@Tag(name = "Views")
public class StaffAttachmentResource {

    private final AttachmentService service;
    private final CurrentCaller caller;

    StaffAttachmentResource(AttachmentService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADVOCATE_NAME)
    @Operation(summary = "An advocate adds a voice note or picture for the child's views; the type is decided from "
            + "the bytes")
    public Uni<Response> upload(@PathParam("conferenceId") UUID conferenceId, @PathParam("childId") UUID childId,
            byte[] body) {
        return service.upload(caller.get(), conferenceId, childId, body).map(info -> AttachmentResponses.created(info,
                "/api/conferences/" + conferenceId + "/children/" + childId + "/attachments"));
    }

    @GET
    @Path("/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME })
    @Operation(summary = "Hear a voice note or see a picture of the child's sent views (each fetch audited)")
    public Uni<Response> fetch(@PathParam("conferenceId") UUID conferenceId, @PathParam("childId") UUID childId,
            @PathParam("attachmentId") UUID attachmentId) {
        return service.fetch(caller.get(), conferenceId, childId, attachmentId).map(AttachmentResponses::content);
    }

    @DELETE
    @Path("/{attachmentId}")
    @RolesAllowed(Role.ADVOCATE_NAME)
    @Operation(summary = "An advocate deletes their own voice note or picture that has not been sent")
    public Uni<Response> delete(@PathParam("conferenceId") UUID conferenceId, @PathParam("childId") UUID childId,
            @PathParam("attachmentId") UUID attachmentId) {
        return service.delete(caller.get(), conferenceId, childId, attachmentId).map(v -> Response.noContent().build());
    }
}
