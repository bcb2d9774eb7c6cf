package app.mysay.retention;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import app.mysay.security.FieldEncryption;
import app.mysay.security.FieldEncryption.Place;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** While a child is held, the retention purge leaves everything of theirs alone. */
@Entity
@Table(name = "legal_hold")
public class LegalHold extends PanacheEntityBase {

    @Id
    @Column(name = "child_id")
    public UUID childId;

    /** A manager's short note (e.g. which proceedings); shown to managers only, never written to the audit trail. */
    @Transient
    public String reason;

    /** The reason as stored: encrypted, bound to the child. */
    @Column(name = "reason_enc")
    byte[] reasonEnc;

    @Column(name = "placed_by")
    public UUID placedBy;

    @Column(name = "placed_at")
    public Instant placedAt;

    /** Encrypts the reason into its stored column; whoever changes {@link #reason} calls it, and persisting does. */
    @PrePersist
    public void encrypt() {
        reasonEnc = FieldEncryption.current().encrypt(reason, place());
    }

    @PostLoad
    void decrypt() {
        reason = FieldEncryption.current().decrypt(reasonEnc, place());
    }

    private Place place() {
        return new Place("legal_hold", "reason_enc", childId, childId);
    }
}
