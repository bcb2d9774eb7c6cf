package app.mysay.audit;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.common.Timestamps;
import app.mysay.security.Caller;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Appends to the audit trail inside the caller's transaction, so an action and its record commit together
 * or not at all. The database chains each event to the one before (see {@link AuditChain}); appending takes the
 * chain's lock, held until the transaction ends, so audit records are best written last.
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
        // Changes already made in this transaction are written first, so their row locks are taken before the chain's
        // lock and never while holding it (which could deadlock with a transaction that takes them the other way).
        return getSession().chain(session -> session.flush()).chain(() -> persist(event)).replaceWithVoid();
    }
}
