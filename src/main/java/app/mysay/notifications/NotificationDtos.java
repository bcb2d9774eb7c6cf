package app.mysay.notifications;

import java.time.Instant;
import java.util.UUID;

public final class NotificationDtos {

    private NotificationDtos() {
    }

    /** One of the caller's own notifications: what kind, about which conference and child, and when. Never content. */
    public record NotificationView(UUID id, NotificationKind kind, UUID conferenceId, UUID childId, Instant createdAt,
            Instant readAt) {

        static NotificationView of(Notification n) {
            return new NotificationView(n.id, n.kind, n.conferenceId, n.childId, n.createdAt, n.readAt);
        }
    }
}
