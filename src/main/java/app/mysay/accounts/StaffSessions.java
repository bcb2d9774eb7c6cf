package app.mysay.accounts;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.accounts.AccountDtos.Me;
import app.mysay.accounts.AccountDtos.Session;
import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.common.Timestamps;
import app.mysay.security.TokenService;
import app.mysay.security.TokenService.IssuedToken;
import io.smallrye.mutiny.Uni;

/** Opens a staff session once every step of signing in is done, and says how in the audit trail. */
@ApplicationScoped
class StaffSessions {

    private final TokenService tokens;
    private final AuditLog audit;

    StaffSessions(TokenService tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    /** {@code how} names the factors used ("password", "password and authenticator code", ...); never a secret. */
    Uni<Session> open(StaffAccount account, String how) {
        IssuedToken token = tokens.forStaff(account.id, account.role, Timestamps.now().getEpochSecond(),
                account.tokensValidAfter);
        return audit.record(account.id, account.role.name(), AuditAction.STAFF_SIGNED_IN, null, null, how)
                .replaceWith(new Session(token.token(), token.expiresAt(), me(account)));
    }

    /**
     * Ends every other session of the account (after its password or second factor changed) and gives this browser a
     * fresh one, so the person making the change stays signed in.
     */
    Session revokeOthersAndReissue(StaffAccount account, long sessionStartedAt) {
        account.tokensValidAfter = TokenService.later(account.tokensValidAfter, TokenService.revokeUntilNow());
        IssuedToken token = tokens.forStaff(account.id, account.role, sessionStartedAt, account.tokensValidAfter);
        return new Session(token.token(), token.expiresAt(), me(account));
    }

    static Me me(StaffAccount account) {
        return new Me(account.id, account.role, account.displayName);
    }
}
