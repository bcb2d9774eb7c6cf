package app.mysay.invitations;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.invitations.InvitationDtos.PinReset;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

@Cancellable(false)
@Path("/children/{childId}/pin-reset")
@Tag(name = "Invitations")
@RolesAllowed(Role.SOCIAL_WORKER_NAME)
public class PinResetResource {

    private final ChildSignInService signIn;
    private final CurrentCaller caller;

    PinResetResource(ChildSignInService signIn, CurrentCaller caller) {
        this.signIn = signIn;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Unlock a child's devices and let them choose a new PIN (do this with the child)")
    public Uni<PinReset> resetPin(@PathParam("childId") UUID childId) {
        return signIn.resetPin(caller.get(), childId);
    }
}
