package app.mysay.security;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;

/** Turns the verified token of this request into a {@link Caller}. */
@RequestScoped
public class CurrentCaller {

    private final JsonWebToken token;

    CurrentCaller(JsonWebToken token) {
        this.token = token;
    }

    public Caller get() {
        if (token == null || token.getSubject() == null || token.getGroups() == null || token.getGroups().size() != 1) {
            throw new UnauthorizedException();
        }
        try {
            Role role = Role.valueOf(token.getGroups().iterator().next());
            String device = token.getClaim(TokenService.DEVICE_CLAIM);
            return new Caller(UUID.fromString(token.getSubject()), role, device == null ? null : UUID.fromString(device));
        } catch (IllegalArgumentException malformed) {
            throw new UnauthorizedException();
        }
    }

    /** When the signed-in session began, carried unchanged from token to refreshed token. */
    public long sessionStartedAt() {
        Object started = token.getClaim(TokenService.SESSION_START_CLAIM);
        if (started instanceof Number number) {
            return number.longValue();
        }
        if (started != null) {
            try {
                return Long.parseLong(started.toString());
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        throw new UnauthorizedException();
    }
}
