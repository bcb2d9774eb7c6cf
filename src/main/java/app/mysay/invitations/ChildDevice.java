package app.mysay.invitations;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import app.mysay.security.FieldEncryption;
import app.mysay.security.FieldEncryption.Place;
import app.mysay.security.Secrets;
import app.mysay.security.TokenService;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A phone or tablet bound to a child by redeeming an invitation; the child signs in on it with a PIN. */
@Entity
@Table(name = "child_device")
public class ChildDevice extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "child_id")
    public UUID childId;

    @Column(name = "invitation_id")
    public UUID invitationId;

    @Column(name = "secret_hash")
    public byte[] secretHash;

    @Column(name = "pin_hash")
    public String pinHash;

    /** While there is no PIN, the time until which one may be set on this device. */
    @Column(name = "pin_setup_until")
    public Instant pinSetupUntil;

    @Column(name = "failed_pin_attempts")
    public int failedPinAttempts;

    @Column(name = "locked_at")
    public Instant lockedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_sign_in_at")
    public Instant lastSignInAt;

    /** Tokens issued (iat) on this device before this are refused: signing out here, locking, a PIN reset. */
    @Column(name = "tokens_valid_after")
    public Instant tokensValidAfter;

    /** The secret that unlocks the drafts kept on this device, encrypted (see {@link #draftKey()}); null until made. */
    @Column(name = "draft_key_enc")
    public byte[] draftKeyEnc;

    /** A browser and system family such as "Chrome on Android" ({@link DeviceKind}); null when not known. */
    @Column(name = "kind")
    public String kind;

    /** When the device was taken off MySay; it never opens MySay again (a new invitation binds a new device). */
    @Column(name = "removed_at")
    public Instant removedAt;

    public boolean removed() {
        return removedAt != null;
    }

    /**
     * Clears this device's PIN and unlocks it, so that a new PIN can be chosen on it until {@code until}. Every session
     * on it ends, and stays ended once a new PIN is chosen; drafts kept on it under the old secret stay unreadable,
     * whoever chooses the new PIN.
     */
    void resetPin(Instant until) {
        endSessions();
        pinHash = null;
        pinSetupUntil = until;
        failedPinAttempts = 0;
        lockedAt = null;
        draftKeyEnc = null;
    }

    /** Takes the device off MySay for good: its sessions end at once, its PIN and its drafts' secret are forgotten. */
    void remove(Instant now) {
        endSessions();
        removedAt = now;
        pinHash = null;
        pinSetupUntil = null;
        failedPinAttempts = 0;
        lockedAt = null;
        draftKeyEnc = null;
    }

    /** Every token issued on this device until now stops working (signing out, locking, a reset, removing). */
    void endSessions() {
        tokensValidAfter = TokenService.later(tokensValidAfter, TokenService.revokeUntilNow());
    }

    /**
     * The secret the app wraps this device's draft keys under (256 random bits, base64url), made when first asked for.
     * It is handed out only to the child signed in on this device with the PIN; a PIN reset forgets it.
     */
    public String draftKey() {
        if (removed()) {
            throw new IllegalStateException("a removed device has no drafts' secret");
        }
        if (draftKeyEnc == null) {
            draftKeyEnc = FieldEncryption.current().encrypt(Secrets.newDeviceSecret(), draftKeyPlace());
        }
        return FieldEncryption.current().decrypt(draftKeyEnc, draftKeyPlace());
    }

    private Place draftKeyPlace() {
        return new Place("child_device", "draft_key_enc", id, childId);
    }
}
