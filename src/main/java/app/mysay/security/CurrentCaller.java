package app.mysay.security;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/** The {@link Caller} of this request, as {@link AccountStillUsable} established it from the verified token. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    CurrentCaller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public Caller get() {
        Caller caller = identity.getAttribute(AccountStillUsable.CALLER_ATTRIBUTE);
        if (caller == null) {
            throw new UnauthorizedException();
        }
        return caller;
    }

    /** When the signed-in session began, carried unchanged from token to refreshed token. */
    public long sessionStartedAt() {
        Object started = token.getClaim(TokenService.SESSION_START_CLAIM);
        if (started instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(started));
        } catch (NumberFormatException malformed) {
            throw new UnauthorizedException();
        }
    }
}
