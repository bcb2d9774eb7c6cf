package app.mysay.notifications;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A row of the transactional outbox: something to tell a member of staff. It never holds content. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public NotificationKind kind;

    @Column(name = "recipient_id")
    public UUID recipientId;

    @Column(name = "conference_id")
    public UUID conferenceId;

    @Column(name = "child_id")
    public UUID childId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** When the sender may next try it: a lease while it is being sent, a back-off after a failure. */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    public int attempts;

    /** When the recipient marked it read in the workspace (nothing to do with the e-mail). */
    @Column(name = "read_at")
    public Instant readAt;

    @Column(name = "last_error")
    public String lastError;
}
