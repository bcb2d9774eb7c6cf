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

import app.mysay.security.Caller;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

/** The child's own voice notes and pictures, beside their views for one conference. */
@Cancellable(false)
@Path("/child/conferences/{conferenceId}/attachments")
@Tag(name = "The child")
@RolesAllowed(Role.CHILD_NAME)
public class ChildAttachmentResource {

    private final AttachmentService service;
    private final CurrentCaller caller;

    ChildAttachmentResource(AttachmentService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a voice note (WebM, Ogg or MP4 audio) or a picture (PNG or JPEG), the bytes as the body; "
            + "the type is decided from the bytes. Name it in the views by its id to use it")
    public Uni<Response> upload(@PathParam("conferenceId") UUID conferenceId, byte[] body) {
        Caller child = caller.get();
        return service.upload(child, conferenceId, child.id(), body).map(info -> AttachmentResponses.created(info,
                "/api/child/conferences/" + conferenceId + "/attachments"));
    }

    @GET
    @Path("/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Hear or see one of the child's own voice notes or pictures (audited)")
    public Uni<Response> fetch(@PathParam("conferenceId") UUID conferenceId,
            @PathParam("attachmentId") UUID attachmentId) {
        Caller child = caller.get();
        return service.fetch(child, conferenceId, child.id(), attachmentId).map(AttachmentResponses::content);
    }

    @DELETE
    @Path("/{attachmentId}")
    @Operation(summary = "Delete a voice note or picture that has not been sent")
    public Uni<Response> delete(@PathParam("conferenceId") UUID conferenceId,
            @PathParam("attachmentId") UUID attachmentId) {
        Caller child = caller.get();
        return service.delete(child, conferenceId, child.id(), attachmentId).map(v -> Response.noContent().build());
    }
}
