package app.mysay.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An event to POST to the case-management system, with the exact bytes to send. It never holds a child's words. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The event's wire name, e.g. {@code views.sent}. */
    public String event;

    @Column(name = "conference_id")
    public UUID conferenceId;

    @Column(name = "child_id")
    public UUID childId;

    /** The JSON body, fixed when the row is written: every retry sends these bytes. */
    public byte[] body;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** How many times it has been sent, counting the one that succeeded. */
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** When the sender gave up, after {@code mysay.webhook.max-attempts} failures. */
    @Column(name = "failed_at")
    public Instant failedAt;
}
