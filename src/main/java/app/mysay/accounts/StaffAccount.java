package app.mysay.accounts;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import app.mysay.security.Role;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "staff_account")
public class StaffAccount extends PanacheEntityBase {

    @Id
    public UUID id;

    public String email;

    @Column(name = "display_name")
    public String displayName;

    @Enumerated(EnumType.STRING)
    public Role role;

    @Column(name = "password_hash")
    public String passwordHash;

    public boolean enabled;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Tokens issued (iat) before this are refused: set by signing out and, in the database, by disabling. */
    @Column(name = "tokens_valid_after")
    public Instant tokensValidAfter;

    /** The authenticator app's TOTP secret, encrypted; null until a second factor is set up. */
    @Column(name = "totp_secret_enc")
    public byte[] totpSecretEnc;

    /** A secret being set up, encrypted: it replaces the one above once a code from it is confirmed. */
    @Column(name = "totp_pending_enc")
    public byte[] totpPendingEnc;

    @Column(name = "totp_set_up_at")
    public Instant totpSetUpAt;

    /** The newest TOTP time step used: a code is accepted once only. */
    @Column(name = "totp_last_step")
    public Long totpLastStep;

    public boolean hasSecondFactor() {
        return totpSecretEnc != null;
    }
}
