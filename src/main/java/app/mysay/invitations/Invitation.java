package app.mysay.invitations;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An invitation for a child to give views for a conference. Only a digest of its one-time code is stored. */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "child_id")
    public UUID childId;

    @Column(name = "conference_id")
    public UUID conferenceId;

    @Column(name = "code_hash")
    public byte[] codeHash;

    @Column(name = "created_by")
    public UUID createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "redeemed_at")
    public Instant redeemedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public InvitationState stateAt(Instant now) {
        return stateAt(now, expiresAt, redeemedAt, revokedAt);
    }

    static InvitationState stateAt(Instant now, Instant expiresAt, Instant redeemedAt, Instant revokedAt) {
        if (redeemedAt != null) {
            return InvitationState.REDEEMED;
        }
        if (revokedAt != null) {
            return InvitationState.REPLACED;
        }
        return now.isBefore(expiresAt) ? InvitationState.OPEN : InvitationState.EXPIRED;
    }
}
