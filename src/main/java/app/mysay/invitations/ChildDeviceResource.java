package app.mysay.invitations;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.invitations.InvitationDtos.ChildDevices;
import app.mysay.invitations.InvitationDtos.DeviceView;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * A child's devices, for the child's social worker. Any other member of staff gets 404, as if the child had none:
 * who may see them is AccessPolicy's rule, not a role's.
 */
@Cancellable(false)
@Path("/children/{childId}/devices")
@Tag(name = "Invitations")
@RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME, Role.MANAGER_NAME })
public class ChildDeviceResource {

    private final ChildDeviceService devices;
    private final CurrentCaller caller;

    ChildDeviceResource(ChildDeviceService devices, CurrentCaller caller) {
        this.devices = devices;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The devices the child opened an invitation on, removed ones too, oldest first: a name "
            + "(Device 1, 2, ...), the kind of device, when set up and last signed in on, and where each stands")
    public Uni<ChildDevices> list(@PathParam("childId") UUID childId) {
        return devices.list(caller.get(), childId);
    }

    @POST
    @Path("/{deviceId}/pin-reset")
    @Operation(summary = "Unlock this one device and let the child choose a new PIN on it (do this with the child); "
            + "the child's other devices keep their PINs. 409 device-removed for a removed device")
    public Uni<DeviceView> resetPin(@PathParam("childId") UUID childId, @PathParam("deviceId") UUID deviceId) {
        return devices.resetPin(caller.get(), childId, deviceId);
    }

    @DELETE
    @Path("/{deviceId}")
    @Operation(summary = "Remove a lost device: it is signed out at once, no PIN opens it again, and the drafts kept "
            + "on it can no longer be unlocked. Sent views are not touched")
    public Uni<Void> remove(@PathParam("childId") UUID childId, @PathParam("deviceId") UUID deviceId) {
        return devices.remove(caller.get(), childId, deviceId);
    }
}
