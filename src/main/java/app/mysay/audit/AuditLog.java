package app.mysay.audit;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.common.Timestamps;
import app.mysay.security.Caller;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Appends to the audit trail inside the caller's transaction, so an action and its record commit together
 * or not at all. The database links each event into the chain as the transaction commits (see {@link AuditChain}).
 */
@ApplicationScoped
public class AuditLog implements PanacheRepositoryBase<AuditEvent, Long> {

    public static final String ANONYMOUS = "ANONYMOUS";

    public Uni<Void> record(Caller caller, AuditAction action, UUID childId, UUID conferenceId, String detail) {
        return record(caller == null ? null : caller.id(), caller == null ? ANONYMOUS : caller.role().name(),
                action, childId, conferenceId, detail);
    }

    public Uni<Void> record(UUID actorId, String actorRole, AuditAction action, UUID childId, UUID conferenceId,
            String detail) {
        AuditEvent event = new AuditEvent();
        event.at = Timestamps.now();
        event.actorId = actorId;
        event.actorRole = actorRole;
        event.action = action;
        event.childId = childId;
        event.conferenceId = conferenceId;
        event.detail = detail;
        return persist(event).replaceWithVoid();
    }
}
