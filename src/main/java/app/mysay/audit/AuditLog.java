package app.mysay.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.common.Timestamps;
import app.mysay.security.Caller;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends to the audit trail inside the caller's transaction, so an action and its record commit together
 * or not at all. The database links each event into the chain as the transaction commits (see {@link AuditChain}).
 * Most actions run in a Hibernate transaction; sending views runs on the SQL client (see
 * {@code app.mysay.views.SendingTransaction}) and appends through {@link #record(SqlConnection, Caller, AuditAction,
 * UUID, UUID, String)}, which writes the same row.
 */
@ApplicationScoped
public class AuditLog implements PanacheRepositoryBase<AuditEvent, Long> {

    public static final String ANONYMOUS = "ANONYMOUS";

    /** The id is the database's (a trigger takes it from the sequence), as it is for the entity. */
    static final String INSERT = "insert into audit_event (at, actor_id, actor_role, action, child_id, conference_id, "
            + "detail) values ($1, $2, $3, $4, $5, $6, $7)";

    private final Pool pool;

    AuditLog(Pool pool) {
        this.pool = pool;
    }

    /** One child shown by a read: the child, and the conference it was shown for (or null). */
    public record Shown(UUID childId, UUID conferenceId) {
    }

    /**
     * Reads that show children's records or where their conferences stand, one event per child shown, in a
     * transaction of their own on the SQL client (one batch), committed before the answer leaves: no read without its
     * record. Its own transaction, because those reads run in read-only Hibernate sessions that never flush
     * ({@link app.mysay.common.ReadOnlySession}).
     */
    public Uni<Void> recordReads(Caller caller, AuditAction action, List<Shown> shown, String detail) {
        if (shown.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(shown.size());
        for (Shown s : shown) {
            AuditEvent e = event(caller, action, s.childId(), s.conferenceId(), detail);
            rows.add(Tuple.from(new Object[] { Timestamps.utc(e.at), e.actorId, e.actorRole, e.action.name(),
                    e.childId, e.conferenceId, e.detail }));
        }
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).executeBatch(rows))
                .replaceWithVoid();
    }

    public Uni<Void> record(Caller caller, AuditAction action, UUID childId, UUID conferenceId, String detail) {
        return persist(event(caller, action, childId, conferenceId, detail)).replaceWithVoid();
    }

    public Uni<Void> record(UUID actorId, String actorRole, AuditAction action, UUID childId, UUID conferenceId,
            String detail) {
        return persist(event(actorId, actorRole, action, childId, conferenceId, detail)).replaceWithVoid();
    }

    /** The same record, in a transaction of the SQL client's. */
    public Uni<Void> record(SqlConnection connection, Caller caller, AuditAction action, UUID childId,
            UUID conferenceId, String detail) {
        AuditEvent e = event(caller, action, childId, conferenceId, detail);
        return connection.preparedQuery(INSERT).execute(Tuple.from(new Object[] { Timestamps.utc(e.at), e.actorId,
                e.actorRole, e.action.name(), e.childId, e.conferenceId, e.detail })).replaceWithVoid();
    }

    private static AuditEvent event(Caller caller, AuditAction action, UUID childId, UUID conferenceId,
            String detail) {
        return event(caller == null ? null : caller.id(), caller == null ? ANONYMOUS : caller.role().name(), action,
                childId, conferenceId, detail);
    }

    private static AuditEvent event(UUID actorId, String actorRole, AuditAction action, UUID childId,
            UUID conferenceId, String detail) {
        AuditEvent event = new AuditEvent();
        event.at = Timestamps.now();
        event.actorId = actorId;
        event.actorRole = actorRole;
        event.action = action;
        event.childId = childId;
        event.conferenceId = conferenceId;
        event.detail = detail;
        return event;
    }
}
