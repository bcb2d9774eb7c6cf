package app.mysay.notifications;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.common.Timestamps;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes notifications into the outbox in the caller's transaction: if the event commits, so does the
 * promise to tell people about it. Delivering them is {@link NotificationSender}'s job, after the commit.
 */
@ApplicationScoped
public class Outbox implements PanacheRepositoryBase<Notification, UUID> {

    static final String INSERT = "insert into notification (id, kind, recipient_id, conference_id, child_id, "
            + "created_at, next_attempt_at, attempts) values ($1, $2, $3, $4, $5, $6, $7, $8)";

    public Uni<Void> notify(NotificationKind kind, Set<UUID> recipients, UUID conferenceId, UUID childId) {
        return persist(rows(kind, recipients, conferenceId, childId).stream()).replaceWithVoid();
    }

    /**
     * The same notifications, in a transaction of the SQL client's (sending views, see
     * {@code app.mysay.views.SendingTransaction}): one round trip for all of them.
     */
    public Uni<Void> notify(SqlConnection connection, NotificationKind kind, Set<UUID> recipients, UUID conferenceId,
            UUID childId) {
        List<Tuple> rows = rows(kind, recipients, conferenceId, childId).stream()
                .map(n -> Tuple.from(new Object[] { n.id, n.kind.name(), n.recipientId, n.conferenceId, n.childId,
                        Timestamps.utc(n.createdAt), Timestamps.utc(n.nextAttemptAt), n.attempts }))
                .toList();
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    private static List<Notification> rows(NotificationKind kind, Set<UUID> recipients, UUID conferenceId,
            UUID childId) {
        Instant now = Timestamps.now();
        return new LinkedHashSet<>(recipients).stream().map(recipient -> {
            Notification n = new Notification();
            n.id = UUID.randomUUID();
            n.kind = kind;
            n.recipientId = recipient;
            n.conferenceId = conferenceId;
            n.childId = childId;
            n.createdAt = now;
            n.nextAttemptAt = now;
            return n;
        }).toList();
    }

    public Uni<List<Notification>> forConference(UUID conferenceId) {
        return list("conferenceId", conferenceId);
    }
}
