package app.mysay.notifications;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.notifications.NotificationDtos.NotificationView;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

/** The caller's own notifications, for the workspace. Never anyone else's, and never content. */
@Cancellable(false)
@Path("/notifications")
@Tag(name = "Notifications")
@RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME, Role.MANAGER_NAME })
public class NotificationResource {

    private final NotificationService service;
    private final CurrentCaller caller;

    NotificationResource(NotificationService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's own notifications, newest first (the newest 100): kind, conference, child, when, read")
    public Uni<List<NotificationView>> mine() {
        return service.mine(caller.get());
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Mark one of the caller's notifications read (404 if it is not theirs)")
    public Uni<NotificationView> read(@PathParam("id") UUID id) {
        return service.markRead(caller.get(), id);
    }
}
