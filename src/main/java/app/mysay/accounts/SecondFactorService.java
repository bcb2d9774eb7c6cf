package app.mysay.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.mysay.accounts.AccountDtos.SecondFactorStatus;
import app.mysay.accounts.AccountDtos.SecondStep;
import app.mysay.accounts.AccountDtos.SecondStepNeeded;
import app.mysay.accounts.AccountDtos.Session;
import app.mysay.accounts.AccountDtos.SetUpDetails;
import app.mysay.accounts.AccountDtos.SetUpDone;
import app.mysay.accounts.AccountDtos.SignInStep;
import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.common.ApiProblem;
import app.mysay.common.QrCodes;
import app.mysay.common.Timestamps;
import app.mysay.security.Caller;
import app.mysay.security.FieldEncryption;
import app.mysay.security.FieldEncryption.Place;
import app.mysay.security.PasswordHasher;
import app.mysay.security.SignInLimits;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The second step of staff sign-in: a code from an authenticator app (TOTP), or a single-use recovery code; and
 * setting one up, at sign-in when the council requires it ({@code mysay.second-factor.required}, on by default) or
 * from the account page.
 * <p>
 * Between the password and the code, the sign-in is carried by a challenge: 256 random bits, of which only the SHA-256
 * is stored, used once, for ten minutes, and spent after five wrong codes (then the password is asked again, which
 * has its own limits). On top of that, codes are limited per account across challenges ({@link SignInLimits}), so
 * guessing six digits stays hopeless. Wrong codes are counted and audited in a transaction that commits although
 * the answer is a refusal: outcomes, not exceptions, leave the transactional methods.
 */
@ApplicationScoped
public class SecondFactorService {

    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(10);
    static final int CHALLENGE_TRIES = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A refusal that must be committed (a wrong code is counted), or the value. */
    public record Attempt<T>(T value, ApiProblem refusal) {

        static <T> Attempt<T> ok(T value) {
            return new Attempt<>(value, null);
        }

        static <T> Attempt<T> refused(ApiProblem refusal) {
            return new Attempt<>(null, refusal);
        }

        public T orThrow() {
            if (refusal != null) {
                throw refusal;
            }
            return value;
        }
    }

    private final StaffAccountRepository accounts;
    private final StaffSessions sessions;
    private final PasswordHasher hasher;
    private final SignInLimits limits;
    private final AuditLog audit;
    private final boolean required;

    SecondFactorService(StaffAccountRepository accounts, StaffSessions sessions, PasswordHasher hasher,
            SignInLimits limits, AuditLog audit,
            @ConfigProperty(name = "mysay.second-factor.required", defaultValue = "true") boolean required) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.hasher = hasher;
        this.limits = limits;
        this.audit = audit;
        this.required = required;
    }

    public boolean required() {
        return required;
    }

    /** After the right password (inside its transaction): a session, or the second step. */
    Uni<SignInStep> afterPassword(StaffAccount account) {
        if (account.hasSecondFactor()) {
            return newChallenge(account, SecondStep.ENTER_CODE).map(step -> step);
        }
        if (required) {
            return newChallenge(account, SecondStep.SET_UP).map(step -> step);
        }
        return sessions.open(account, "password").map(session -> session);
    }

    /** The second step: an authenticator code or a recovery code. */
    @WithTransaction
    public Uni<Attempt<Session>> enterCode(String challenge, String code) {
        return challengedAccount(challenge).flatMap(challenged -> {
            StaffAccount account = challenged.account();
            if (!account.hasSecondFactor()) {
                return Uni.createFrom().failure(signInExpired());
            }
            return acceptCode(account, code).flatMap(how -> how == null
                    ? wrongCode(challenge, account)
                    : spend(challenge).chain(() -> sessions.open(account, how))
                            .call(() -> limits.succeeded(challenged.attempt())).map(Attempt::ok));
        });
    }

    /** Setting up at sign-in, when the council requires a second factor and this account has none yet. */
    @WithTransaction
    public Uni<SetUpDetails> beginSetUpAtSignIn(String challenge) {
        return challengedAccount(challenge).flatMap(challenged -> {
            if (challenged.account().hasSecondFactor()) {
                return Uni.createFrom().failure(signInExpired());
            }
            // Not a guess: the account has no code to guess yet.
            return limits.succeeded(challenged.attempt()).replaceWith(beginSetUp(challenged.account()));
        });
    }

    @WithTransaction
    public Uni<Attempt<SetUpDone>> confirmSetUpAtSignIn(String challenge, String code) {
        return challengedAccount(challenge).flatMap(challenged -> {
            StaffAccount account = challenged.account();
            if (account.hasSecondFactor() || account.totpPendingEnc == null) {
                return Uni.createFrom().failure(signInExpired());
            }
            OptionalLong step = pendingMatches(account, code);
            if (step.isEmpty()) {
                return wrongCode(challenge, account);
            }
            List<String> codes = confirm(account, step.getAsLong());
            return storeRecoveryCodes(account.id, codes)
                    .chain(() -> audit.record(account.id, account.role.name(), AuditAction.SECOND_FACTOR_SET_UP,
                            null, null, "at sign-in"))
                    .chain(() -> spend(challenge))
                    .chain(() -> sessions.open(account, "password and a new authenticator app"))
                    .call(() -> limits.succeeded(challenged.attempt()))
                    .map(session -> Attempt.ok(new SetUpDone(session, codes)));
        });
    }

    @WithSession
    public Uni<SecondFactorStatus> status(Caller caller) {
        return account(caller).flatMap(account -> unusedRecoveryCodes(account.id).map(left ->
                new SecondFactorStatus(account.hasSecondFactor(), account.totpSetUpAt,
                        account.hasSecondFactor() ? left : 0, required)));
    }

    /** Setting up (or replacing) the authenticator app while signed in: the password again first. */
    @WithTransaction
    public Uni<SetUpDetails> beginSetUp(Caller caller, String password) {
        return account(caller).flatMap(account -> checkPassword(account, password).map(ok -> beginSetUp(account)));
    }

    /** The first code from the new app: it replaces the old one; new recovery codes; other sessions end. */
    @WithTransaction
    public Uni<SetUpDone> confirmSetUp(Caller caller, long sessionStartedAt, String code) {
        return account(caller).flatMap(account -> {
            if (account.totpPendingEnc == null) {
                return Uni.createFrom().failure(ApiProblem.conflict(
                        "There is no authenticator app being set up. Start again from your account page."));
            }
            OptionalLong step = pendingMatches(account, code);
            if (step.isEmpty()) {
                return Uni.createFrom().failure(ApiProblem.invalid("code",
                        "is not the code your authenticator app shows now. Check the app, then try again"));
            }
            boolean replacing = account.hasSecondFactor();
            List<String> codes = confirm(account, step.getAsLong());
            Session session = sessions.revokeOthersAndReissue(account, sessionStartedAt);
            return storeRecoveryCodes(account.id, codes)
                    .chain(() -> audit.record(caller, AuditAction.SECOND_FACTOR_SET_UP, null, null,
                            replacing ? "replaced" : "from the account page"))
                    .replaceWith(new SetUpDone(session, codes));
        });
    }

    /** New recovery codes (the old ones stop working), with a current authenticator code to show it is them. */
    @WithTransaction
    public Uni<List<String>> renewRecoveryCodes(Caller caller, String code) {
        return account(caller).flatMap(account -> {
            if (!account.hasSecondFactor()) {
                return Uni.createFrom().failure(ApiProblem.conflict("Set up an authenticator app first."));
            }
            return acceptAuthenticatorCode(account, code).flatMap(accepted -> {
                if (!accepted) {
                    return Uni.createFrom().failure(ApiProblem.invalid("code",
                            "is not the code your authenticator app shows now. Check the app, then try again"));
                }
                List<String> codes = RecoveryCodes.generate();
                return storeRecoveryCodes(account.id, codes)
                        .chain(() -> audit.record(caller, AuditAction.RECOVERY_CODES_RENEWED, null, null, null))
                        .replaceWith(codes);
            });
        });
    }

    /** Turning it off is for councils that do not require it; the password again first. */
    @WithTransaction
    public Uni<Session> remove(Caller caller, long sessionStartedAt, String password) {
        if (required) {
            return Uni.createFrom().failure(ApiProblem.conflict(
                    "Your council requires a second step at sign-in, so it cannot be turned off. To use another "
                            + "phone, set up the authenticator app again."));
        }
        return account(caller).flatMap(account -> checkPassword(account, password).flatMap(ok -> {
            Session session = sessions.revokeOthersAndReissue(account, sessionStartedAt);
            return clear(account).chain(() -> audit.record(caller, AuditAction.SECOND_FACTOR_REMOVED, null, null,
                    "by the account holder")).replaceWith(session);
        }));
    }

    /**
     * Before a manager resets someone else's sign-in: they confirm it is them, in the same request, with their own
     * password and, when they have one, a code from their own authenticator app. Both are counted against the sign-in
     * limits like a sign-in, so a session left open cannot be used to guess the manager's password. Inside the
     * caller's transaction; a refusal is a 403 {@code confirm-it-is-you}.
     */
    Uni<StaffAccount> confirmItIsYou(Caller caller, String password, String code, String clientAddress) {
        return account(caller).flatMap(account -> limits.staffSignIn(account.email, clientAddress)
                .flatMap(attempt -> hasher.verify(password, account.passwordHash).flatMap(matches -> {
                    if (!matches) {
                        return Uni.createFrom().failure(notConfirmed());
                    }
                    if (!account.hasSecondFactor()) {
                        return limits.succeeded(attempt).replaceWith(account);
                    }
                    if (code == null || code.isBlank()) {
                        return Uni.createFrom().failure(notConfirmed());
                    }
                    return limits.secondFactor(account.id).flatMap(codeAttempt -> acceptAuthenticatorCode(account,
                            code).flatMap(accepted -> accepted
                                    ? limits.succeeded(attempt).chain(() -> limits.succeeded(codeAttempt))
                                            .replaceWith(account)
                                    : Uni.createFrom().failure(notConfirmed())));
                })));
    }

    private static ApiProblem notConfirmed() {
        return new ApiProblem(403, "confirm-it-is-you", "Confirm it is you",
                "To reset someone's sign-in, enter your own password and, if you use an authenticator app, the code "
                        + "it shows now. What you entered was not right.");
    }

    /** Removes the second factor (the secret, one being set up, the recovery codes), in the caller's transaction. */
    Uni<Void> removeFrom(StaffAccount account) {
        return clear(account);
    }

    private Uni<Void> clear(StaffAccount account) {
        account.totpSecretEnc = null;
        account.totpPendingEnc = null;
        account.totpSetUpAt = null;
        account.totpLastStep = null;
        return accounts.getSession().flatMap(s -> s.createNativeQuery(
                "delete from staff_recovery_code where account_id = :account").setParameter("account", account.id)
                .executeUpdate()).replaceWithVoid();
    }

    private SetUpDetails beginSetUp(StaffAccount account) {
        String secret = Totp.newSecret();
        account.totpPendingEnc = FieldEncryption.current().encrypt(secret, place(account, "totp_pending_enc"));
        String uri = Totp.keyUri(secret, account.email);
        return new SetUpDetails(secret, uri, QrCodes.of(uri));
    }

    private OptionalLong pendingMatches(StaffAccount account, String code) {
        String pending = FieldEncryption.current().decrypt(account.totpPendingEnc, place(account, "totp_pending_enc"));
        return Totp.matchingStep(pending, code == null ? null : code.strip(), Timestamps.now().getEpochSecond(), null);
    }

    private List<String> confirm(StaffAccount account, long step) {
        String pending = FieldEncryption.current().decrypt(account.totpPendingEnc, place(account, "totp_pending_enc"));
        account.totpSecretEnc = FieldEncryption.current().encrypt(pending, place(account, "totp_secret_enc"));
        account.totpPendingEnc = null;
        account.totpSetUpAt = Timestamps.now();
        account.totpLastStep = step;
        return RecoveryCodes.generate();
    }

    /** How the code was accepted ("password and ..."), or null when it was not. */
    private Uni<String> acceptCode(StaffAccount account, String code) {
        return acceptAuthenticatorCode(account, code).flatMap(accepted -> {
            if (accepted) {
                return Uni.createFrom().item("password and authenticator code");
            }
            String recovery = RecoveryCodes.normalised(code);
            if (recovery == null) {
                return Uni.createFrom().nullItem();
            }
            return accounts.getSession().flatMap(s -> s.createNativeQuery("""
                    update staff_recovery_code set used_at = now()
                    where account_id = :account and code_hash = :hash and used_at is null""")
                    .setParameter("account", account.id).setParameter("hash", RecoveryCodes.hash(account.id, recovery))
                    .executeUpdate())
                    .flatMap(updated -> updated == 0 ? Uni.createFrom().<String>nullItem()
                            : unusedRecoveryCodes(account.id).flatMap(left -> audit.record(account.id,
                                    account.role.name(), AuditAction.RECOVERY_CODE_USED, null, null,
                                    left + " left")).replaceWith("password and recovery code"));
        });
    }

    /**
     * A right code for a time step after the last one used. The step is moved on in one conditional update, so of two
     * requests racing with the same code (on two instances, say), one wins.
     */
    private Uni<Boolean> acceptAuthenticatorCode(StaffAccount account, String code) {
        String secret = FieldEncryption.current().decrypt(account.totpSecretEnc, place(account, "totp_secret_enc"));
        OptionalLong step = Totp.matchingStep(secret, code == null ? null : code.strip(),
                Timestamps.now().getEpochSecond(), account.totpLastStep);
        if (step.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return accounts.getSession().flatMap(s -> s.createNativeQuery("""
                update staff_account set totp_last_step = :step
                where id = :account and (totp_last_step is null or totp_last_step < :step)""")
                .setParameter("step", step.getAsLong()).setParameter("account", account.id).executeUpdate())
                .map(updated -> updated == 1);
    }

    private <T> Uni<Attempt<T>> wrongCode(String challenge, StaffAccount account) {
        return accounts.getSession().flatMap(s -> s.createNativeQuery(
                "update sign_in_challenge set failures = failures + 1 where id_hash = :hash")
                .setParameter("hash", hash(challenge)).executeUpdate())
                .chain(() -> audit.record(account.id, account.role.name(), AuditAction.SECOND_FACTOR_FAILED, null,
                        null, null))
                .replaceWith(Attempt.refused(new ApiProblem(401, "second-factor-failed", "Code not recognised",
                        "That code is not right, or it has been used already. Enter the code your authenticator "
                                + "app shows now, or one of your recovery codes.")));
    }

    private Uni<SecondStepNeeded> newChallenge(StaffAccount account, SecondStep step) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Timestamps.now();
        Instant expiresAt = now.plus(CHALLENGE_LIFETIME);
        return accounts.getSession().flatMap(s -> s.createNativeQuery("""
                insert into sign_in_challenge (id_hash, account_id, created_at, expires_at)
                values (:hash, :account, :now, :expires)""")
                .setParameter("hash", hash(challenge)).setParameter("account", account.id)
                .setParameter("now", now).setParameter("expires", expiresAt).executeUpdate())
                .replaceWith(new SecondStepNeeded(step, challenge, expiresAt));
    }

    /**
     * The enabled account a live challenge belongs to, after counting this attempt against the account's limit (taken
     * back when the code is right). Unknown, used, expired and spent challenges all get the same answer.
     */
    private Uni<Challenged> challengedAccount(String challenge) {
        return accounts.getSession().flatMap(s -> s.createNativeQuery("""
                select account_id from sign_in_challenge
                where id_hash = :hash and used_at is null and expires_at > now() and failures < :tries
                for update""", UUID.class)
                .setParameter("hash", hash(challenge)).setParameter("tries", CHALLENGE_TRIES)
                .getResultList())
                .flatMap(ids -> {
                    if (ids.isEmpty()) {
                        return Uni.createFrom().failure(signInExpired());
                    }
                    UUID accountId = ids.get(0);
                    return limits.secondFactor(accountId).flatMap(attempt -> accounts.findById(accountId)
                            .map(account -> {
                                if (account == null || !account.enabled) {
                                    throw signInExpired();
                                }
                                return new Challenged(account, attempt);
                            }));
                });
    }

    private record Challenged(StaffAccount account, SignInLimits.Attempt attempt) {
    }

    private Uni<Void> spend(String challenge) {
        return accounts.getSession().flatMap(s -> s.createNativeQuery(
                "update sign_in_challenge set used_at = now() where id_hash = :hash and used_at is null")
                .setParameter("hash", hash(challenge)).executeUpdate())
                .map(updated -> {
                    if (updated != 1) {
                        throw signInExpired();
                    }
                    return null;
                });
    }

    private Uni<Void> storeRecoveryCodes(UUID accountId, List<String> codes) {
        Instant now = Timestamps.now();
        return accounts.getSession().flatMap(s -> s.createNativeQuery(
                "delete from staff_recovery_code where account_id = :account").setParameter("account", accountId)
                .executeUpdate()
                .chain(() -> {
                    Uni<Integer> all = Uni.createFrom().item(0);
                    for (String code : codes) {
                        all = all.chain(() -> s.createNativeQuery("""
                                insert into staff_recovery_code (account_id, code_hash, created_at)
                                values (:account, :hash, :now)""")
                                .setParameter("account", accountId)
                                .setParameter("hash", RecoveryCodes.hash(accountId, RecoveryCodes.normalised(code)))
                                .setParameter("now", now).executeUpdate());
                    }
                    return all;
                })).replaceWithVoid();
    }

    private Uni<Integer> unusedRecoveryCodes(UUID accountId) {
        return accounts.getSession().flatMap(s -> s.createNativeQuery(
                "select count(*) from staff_recovery_code where account_id = :account and used_at is null", Long.class)
                .setParameter("account", accountId).getSingleResult())
                .map(Long::intValue);
    }

    private Uni<StaffAccount> account(Caller caller) {
        return accounts.findById(caller.id()).map(account -> {
            if (account == null || !account.enabled) {
                throw new io.quarkus.security.UnauthorizedException();
            }
            return account;
        });
    }

    private Uni<Boolean> checkPassword(StaffAccount account, String password) {
        return hasher.verify(password, account.passwordHash).map(matches -> {
            if (!matches) {
                throw ApiProblem.invalid("password", "is not your current password");
            }
            return true;
        });
    }

    /** Staff secrets have no child: the account itself is the owner the ciphertext is bound to. */
    static Place place(StaffAccount account, String column) {
        return new Place("staff_account", column, account.id, account.id);
    }

    static ApiProblem signInExpired() {
        return new ApiProblem(401, "sign-in-expired", "Sign in again",
                "This sign-in has ended: it took too long, or there were too many wrong codes. Sign in again with "
                        + "your e-mail address and password.");
    }

    private static byte[] hash(String challenge) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(
                    (challenge == null ? "" : challenge).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
