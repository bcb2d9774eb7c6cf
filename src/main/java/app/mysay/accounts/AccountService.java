package app.mysay.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.accounts.AccountDtos.AccountSummary;
import app.mysay.accounts.AccountDtos.Me;
import app.mysay.accounts.AccountDtos.NewStaffAccount;
import app.mysay.accounts.AccountDtos.Session;
import app.mysay.accounts.AccountDtos.SignInStep;
import app.mysay.accounts.AccountDtos.StaffMember;
import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.children.ChildRepository;
import app.mysay.common.ApiProblem;
import app.mysay.common.Timestamps;
import app.mysay.notifications.NotificationKind;
import app.mysay.notifications.Outbox;
import app.mysay.security.Caller;
import app.mysay.security.PasswordLinkTokens;
import app.mysay.security.PasswordHasher;
import app.mysay.security.Role;
import app.mysay.security.TokenService;
import app.mysay.security.TokenService.IssuedToken;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AccountService {

    private final StaffAccountRepository accounts;
    private final ChildRepository children;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final StaffSessions sessions;
    private final SecondFactorService secondFactor;
    private final AuditLog audit;
    private final Outbox outbox;

    AccountService(StaffAccountRepository accounts, ChildRepository children, PasswordHasher hasher,
            TokenService tokens, StaffSessions sessions, SecondFactorService secondFactor, AuditLog audit,
            Outbox outbox) {
        this.outbox = outbox;
        this.accounts = accounts;
        this.children = children;
        this.hasher = hasher;
        this.tokens = tokens;
        this.sessions = sessions;
        this.secondFactor = secondFactor;
        this.audit = audit;
    }

    /**
     * Empty when the e-mail and password do not match an enabled account. A missing or disabled account costs the
     * same hashing time as a wrong password (the decoy hash is checked), and the answer is the same, so nobody can
     * learn who has an account. The caller counts the attempt against the sign-in limits first. A right password
     * leads to a session, or to the second step ({@link SecondFactorService}).
     */
    @WithTransaction
    public Uni<Optional<SignInStep>> signIn(String email, String password) {
        return accounts.findByEmail(email).flatMap(account -> {
            // An account without a password (a new one, or one a manager reset) cannot sign in: its holder sets one
            // through the e-mailed link first.
            boolean usable = account != null && account.enabled && account.passwordHash != null;
            return hasher.verify(password, usable ? account.passwordHash : null).flatMap(matches -> {
                if (!matches) {
                    return audit.record(usable ? account.id : null, usable ? account.role.name() : AuditLog.ANONYMOUS,
                            AuditAction.STAFF_SIGN_IN_FAILED, null, null, null)
                            .replaceWith(Optional.<SignInStep>empty());
                }
                return secondFactor.afterPassword(account).map(Optional::of);
            });
        });
    }

    /** A new password, given the current one; every other session ends, this browser gets a fresh one. */
    @WithTransaction
    public Uni<Session> changePassword(Caller caller, long sessionStartedAt, String currentPassword,
            String newPassword) {
        return accounts.findById(caller.id()).flatMap(account -> {
            if (account == null || !account.enabled) {
                return Uni.createFrom().failure(new io.quarkus.security.UnauthorizedException());
            }
            return hasher.verify(currentPassword, account.passwordHash).flatMap(matches -> {
                if (!matches) {
                    return Uni.createFrom().failure(ApiProblem.invalid("currentPassword",
                            "is not your current password"));
                }
                if (newPassword.equals(currentPassword)) {
                    return Uni.createFrom().failure(ApiProblem.invalid("newPassword",
                            "must be different from your current password"));
                }
                var weak = PasswordPolicy.problem(newPassword, account.email, account.displayName);
                if (weak.isPresent()) {
                    return Uni.createFrom().failure(ApiProblem.invalid("newPassword", weak.get()));
                }
                return hasher.hash(newPassword).flatMap(hash -> {
                    account.passwordHash = hash;
                    Session session = sessions.revokeOthersAndReissue(account, sessionStartedAt);
                    return audit.record(caller, AuditAction.PASSWORD_CHANGED, null, null, null).replaceWith(session);
                });
            });
        });
    }

    /** Every staff account, for a manager: names, roles, whether enabled and whether a second factor is set up. */
    @WithSession
    public Uni<List<AccountSummary>> allAccounts() {
        return accounts.listAll(io.quarkus.panache.common.Sort.by("displayName"))
                .map(list -> list.stream().map(AccountSummary::of).toList());
    }

    /**
     * A manager disables (every session ends at once, by the database's trigger) or enables an account. A manager
     * cannot disable their own account, so a council is never left with nobody to enable accounts again by mistake.
     */
    @WithTransaction
    public Uni<AccountSummary> setEnabled(Caller manager, UUID accountId, boolean enabled) {
        if (!enabled && manager.id().equals(accountId)) {
            return Uni.createFrom().failure(ApiProblem.conflict(
                    "You cannot disable your own account. Ask another manager."));
        }
        return accounts.findById(accountId).flatMap(account -> {
            if (account == null) {
                return Uni.createFrom().failure(ApiProblem.notFound());
            }
            if (account.enabled == enabled) {
                return Uni.createFrom().item(AccountSummary.of(account));
            }
            account.enabled = enabled;
            return audit.record(manager, enabled ? AuditAction.STAFF_ACCOUNT_ENABLED : AuditAction.STAFF_ACCOUNT_DISABLED,
                    null, null, "account " + account.id).replaceWith(AccountSummary.of(account));
        });
    }

    /**
     * A fresh token for the same session, while the person's account is still usable and the session young. The token
     * being refreshed has passed {@code AccountStillUsable}, so a revoked session cannot be refreshed back to life;
     * the new token is issued no earlier than the old one, so it is not refused where the old one was accepted.
     */
    @WithSession
    public Uni<Session> refresh(Caller caller, long sessionStartedAt, Instant currentIssuedAt) {
        if (!tokens.mayRefresh(sessionStartedAt)) {
            return Uni.createFrom().failure(new io.quarkus.security.UnauthorizedException());
        }
        return me(caller).map(me -> {
            IssuedToken token = caller.is(Role.CHILD)
                    ? tokens.forChild(caller.id(), caller.deviceId(), sessionStartedAt, currentIssuedAt)
                    : tokens.forStaff(caller.id(), caller.role(), sessionStartedAt, currentIssuedAt);
            return new Session(token.token(), token.expiresAt(), me);
        });
    }

    /** Ends every session of this staff account at once: tokens issued until now are refused from now on. */
    @WithTransaction
    public Uni<Void> signOut(Caller caller) {
        return accounts.findById(caller.id()).flatMap(account -> {
            if (account == null) {
                return Uni.createFrom().voidItem();
            }
            account.tokensValidAfter = TokenService.later(account.tokensValidAfter, TokenService.revokeUntilNow());
            return audit.record(caller, AuditAction.SIGNED_OUT, null, null, null);
        });
    }

    @WithSession
    public Uni<Me> me(Caller caller) {
        if (caller.is(Role.CHILD)) {
            return children.findById(caller.id())
                    .onItem().ifNull().failWith(io.quarkus.security.UnauthorizedException::new)
                    .map(child -> new Me(child.id, Role.CHILD, child.knownAs));
        }
        return accounts.findById(caller.id())
                .onItem().ifNull().failWith(io.quarkus.security.UnauthorizedException::new)
                .map(account -> {
                    if (!account.enabled) {
                        throw new io.quarkus.security.UnauthorizedException();
                    }
                    return new Me(account.id, account.role, account.displayName);
                });
    }

    @WithSession
    public Uni<List<StaffMember>> directory(Role role) {
        if (role == Role.CHILD) {
            return Uni.createFrom().item(List.of());
        }
        return accounts.listEnabled(role).map(list -> list.stream().map(StaffMember::of).toList());
    }

    @WithTransaction
    public Uni<StaffMember> create(Caller manager, NewStaffAccount request) {
        if (request.role() == Role.CHILD) {
            return Uni.createFrom().failure(ApiProblem.invalid("role",
                    "must be one of SOCIAL_WORKER, CHAIR, ADVOCATE or MANAGER"));
        }
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        return accounts.findByEmail(email).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ApiProblem.conflict(
                        "An account with this e-mail address already exists. Use that account, or another address."));
            }
            // No password: the holder sets their own through the link e-mailed to them (made when it is sent).
            StaffAccount account = new StaffAccount();
            account.id = UUID.randomUUID();
            account.email = email;
            account.displayName = request.displayName().trim();
            account.role = request.role();
            account.passwordHash = null;
            account.enabled = true;
            account.createdAt = Timestamps.now();
            return accounts.persist(account)
                    .call(() -> outbox.notify(NotificationKind.ACCOUNT_CREATED, Set.of(account.id), null, null))
                    .call(() -> audit.record(manager, AuditAction.STAFF_ACCOUNT_CREATED, null, null,
                            "account " + account.id))
                    .map(StaffMember::of);
        });
    }

    /**
     * A manager resets someone's sign-in, after confirming it is them (their own password and code, in the same
     * request): the password goes (and the second factor, when asked), every session of the account ends, and the
     * holder is e-mailed a link to set a new password. So the manager never holds a credential that works: the new
     * password is chosen by whoever reads the holder's e-mail. Not one's own account (that is the account page).
     */
    @WithTransaction
    public Uni<Void> resetSignIn(Caller manager, UUID accountId, String password, String code, String clientAddress,
            boolean secondFactorToo) {
        if (manager.id().equals(accountId)) {
            return Uni.createFrom().failure(ApiProblem.conflict(
                    "You cannot reset your own sign-in here. Change your password or authenticator app from your "
                            + "account page, or ask another manager."));
        }
        return accounts.findById(accountId)
                .onItem().ifNull().failWith(ApiProblem::notFound)
                .call(account -> secondFactor.confirmItIsYou(manager, password, code, clientAddress))
                .flatMap(account -> {
                    account.passwordHash = null;
                    account.tokensValidAfter = TokenService.later(account.tokensValidAfter,
                            TokenService.revokeUntilNow());
                    Uni<Void> factor = secondFactorToo ? secondFactor.removeFrom(account) : Uni.createFrom().voidItem();
                    return factor
                            .chain(() -> outbox.notify(NotificationKind.SIGN_IN_RESET, Set.of(account.id), null, null))
                            .chain(() -> audit.record(manager, AuditAction.STAFF_SIGN_IN_RESET, null, null,
                                    (secondFactorToo ? "password and second factor" : "password")
                                            + " of account " + account.id));
                });
    }

    /**
     * The holder sets their password through the link e-mailed to them: once, before it expires. A weak password is
     * refused without using the link up. Every session of the account ends (there should be none).
     */
    @WithTransaction
    public Uni<Void> setPasswordByLink(String token, String password) {
        return accounts.getSession().flatMap(s -> s.createNativeQuery(
                "select account_id from staff_password_link where token_hash = :hash and expires_at > now() "
                        + "for update", UUID.class)
                .setParameter("hash", PasswordLinkTokens.hash(token)).getResultList())
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().<StaffAccount>nullItem() : accounts.findById(ids.get(0)))
                .flatMap(account -> {
                    if (account == null || !account.enabled) {
                        return Uni.createFrom().<Void>failure(linkNotValid());
                    }
                    var weak = PasswordPolicy.problem(password, account.email, account.displayName);
                    if (weak.isPresent()) {
                        return Uni.createFrom().<Void>failure(ApiProblem.invalid("password", weak.get()));
                    }
                    return hasher.hash(password).flatMap(hash -> {
                        account.passwordHash = hash;
                        account.tokensValidAfter = TokenService.later(account.tokensValidAfter,
                                TokenService.revokeUntilNow());
                        return accounts.getSession().flatMap(s -> s.createNativeQuery(
                                "delete from staff_password_link where account_id = :id")
                                .setParameter("id", account.id).executeUpdate())
                                .chain(() -> audit.record(account.id, account.role.name(),
                                        AuditAction.PASSWORD_SET_BY_LINK, null, null, null));
                    });
                });
    }

    static ApiProblem linkNotValid() {
        return new ApiProblem(410, "password-link-not-valid", "This link no longer works",
                "Links to set a password work once, for a few days. Ask a manager to send you a new one.");
    }
}
