package app.mysay.security;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The {@link Caller} of this request, as {@link AccountStillUsable} established it from the verified token. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final CurrentIdentityAssociation association;

    CurrentCaller(SecurityIdentity identity, JsonWebToken token, CurrentIdentityAssociation association) {
        this.identity = identity;
        this.token = token;
        this.association = association;
    }

    /**
     * For endpoints open to all (signing out): the caller if the request carries a token that is still usable, and
     * empty when it carries none or one that is not (expired, forged, revoked).
     */
    public Uni<Optional<Caller>> ifSignedIn() {
        return association.getDeferredIdentity()
                .map(id -> Optional.ofNullable(id.<Caller>getAttribute(AccountStillUsable.CALLER_ATTRIBUTE)))
                .onFailure().recoverWithItem(Optional.empty());
    }

    /** The token's iat, in seconds: a refreshed token is never issued before it. */
    public Instant issuedAt() {
        return Instant.ofEpochSecond(token.getIssuedAtTime());
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
