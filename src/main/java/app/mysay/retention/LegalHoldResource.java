package app.mysay.retention;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.retention.RetentionDtos.LegalHoldView;
import app.mysay.retention.RetentionDtos.NewLegalHold;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * Legal holds, by the child's case reference: managers only. A held child's views, invitations, messages and
 * records are kept past the retention period until the hold is lifted.
 */
@Cancellable(false)
@Path("/legal-holds")
@Tag(name = "Retention")
@RolesAllowed(Role.MANAGER_NAME)
public class LegalHoldResource {

    private final LegalHoldService service;
    private final CurrentCaller caller;

    LegalHoldResource(LegalHoldService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("/{caseReference: .+}")
    @Operation(summary = "The hold on the child with this case reference (404 if none)")
    public Uni<LegalHoldView> get(@PathParam("caseReference") String caseReference) {
        return service.get(caseReference);
    }

    @PUT
    @Path("/{caseReference: .+}")
    @Operation(summary = "Place a legal hold on the child with this case reference, or change its reason; audited as "
            + "LEGAL_HOLD_PLACED (without the reason)")
    public Uni<Response> place(@PathParam("caseReference") String caseReference,
            @NotNull(message = "Say why the child's views must be kept") @Valid NewLegalHold hold) {
        return service.place(caller.get(), caseReference, hold.reason()).map(placed -> (placed.created()
                ? Response.created(URI.create("/api/legal-holds/" + placed.hold().caseReference()))
                : Response.ok()).entity(placed.hold()).build());
    }

    @DELETE
    @Path("/{caseReference: .+}")
    @Operation(summary = "Lift the hold; the purge takes the child's data at its next run if the retention period has "
            + "passed; audited as LEGAL_HOLD_LIFTED")
    public Uni<Response> lift(@PathParam("caseReference") String caseReference) {
        return service.lift(caller.get(), caseReference).map(v -> Response.noContent().build());
    }
}
