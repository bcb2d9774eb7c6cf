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

/**
 * Writes notifications into the outbox in the caller's transaction: if the event commits, so does the
 * promise to tell people about it. Delivering them is {@link NotificationSender}'s job, after the commit.
 */
@ApplicationScoped
public class Outbox implements PanacheRepositoryBase<Notification, UUID> {

    public Uni<Void> notify(NotificationKind kind, Set<UUID> recipients, UUID conferenceId, UUID childId) {
        Instant now = Timestamps.now();
        List<Notification> rows = new LinkedHashSet<>(recipients).stream().map(recipient -> {
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
        return persist(rows.stream()).replaceWithVoid();
    }

    public Uni<List<Notification>> forConference(UUID conferenceId) {
        return list("conferenceId", conferenceId);
    }
}
