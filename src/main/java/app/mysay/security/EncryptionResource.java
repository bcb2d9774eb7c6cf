package app.mysay.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

/** For a manager (or operations, with a manager's sign-in) after a key rotation: re-encrypt now, not at the next run. */
@Cancellable(false)
@Path("/encryption")
@Tag(name = "Encryption")
@RolesAllowed(Role.MANAGER_NAME)
public class EncryptionResource {

    private final Reencryption reencryption;
    private final CurrentCaller caller;
    private final AuditLog audit;

    EncryptionResource(Reencryption reencryption, CurrentCaller caller, AuditLog audit) {
        this.reencryption = reencryption;
        this.caller = caller;
        this.audit = audit;
    }

    @POST
    @Path("/reencryption")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-encrypt, under the primary key, every stored text made under another key of the keyset; "
            + "idempotent; audited as FIELDS_REENCRYPTED")
    public Uni<Reencryption.Outcome> reencrypt() {
        Caller manager = caller.get();
        return reencryption.run().call(outcome -> Panache.withTransaction(() -> audit.record(manager,
                AuditAction.FIELDS_REENCRYPTED, null, null,
                "rows=" + outcome.reencrypted() + " undecryptable=" + outcome.undecryptable())));
    }
}
