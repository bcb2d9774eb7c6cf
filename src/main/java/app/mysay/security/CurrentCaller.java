package app.mysay.security;

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
    private final CurrentIdentityAssociation identities;

    CurrentCaller(SecurityIdentity identity, JsonWebToken token, CurrentIdentityAssociation identities) {
        this.identity = identity;
        this.token = token;
        this.identities = identities;
    }

    public Caller get() {
        Caller caller = identity.getAttribute(AccountStillUsable.CALLER_ATTRIBUTE);
        if (caller == null) {
            throw new UnauthorizedException();
        }
        return caller;
    }

    /** The caller if the request carries a usable session, else empty (never a failure): for endpoints anyone may call. */
    public Uni<Optional<Caller>> ifSignedIn() {
        return identities.getDeferredIdentity()
                .map(signedIn -> Optional.ofNullable(signedIn.<Caller>getAttribute(AccountStillUsable.CALLER_ATTRIBUTE)))
                .onFailure().recoverWithItem(Optional.empty());
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
