package app.mysay.security;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Remembers the tokens already verified, until they expire, so that a session's every request does not check the same
 * RSA signature and parse the same JSON again (about a twentieth of the app's CPU per sending of views, in the
 * benchmark's profile).
 * <p>
 * What it never changes: a token is remembered only after {@link DefaultJWTParser} has accepted it (signature,
 * algorithm, issuer, audience, expiry, lifetime, claims: see {@link TokenVerification}), and only that exact string
 * finds it again, so a token differing by one character is verified afresh. A remembered token is given back only
 * before its expiry, without the clock skew the first check allows; from then on it goes to the verifier again, which
 * refuses it once the skew is past. Revocation is not a matter for this cache: {@link AccountStillUsable} looks each
 * request's account or device up in the database whatever the token. At most {@value #CAPACITY} tokens are kept;
 * when full, the expired ones go, and if none had expired, all of them. Tokens checked any other way (none in MySay)
 * are not remembered: only {@link #parse(String)} is.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    static final int CAPACITY = 10_000;

    private final Clock clock;
    private final int capacity;
    private final Map<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    /** The bean: smallrye injects the app's {@link JWTAuthContextInfo} into the verifier it extends. */
    VerifiedTokens() {
        this.clock = Clock.systemUTC();
        this.capacity = CAPACITY;
    }

    VerifiedTokens(JWTAuthContextInfo checks, Clock clock, int capacity) {
        super(checks);
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.instant().getEpochSecond();
        JsonWebToken known = verified.get(token);
        if (known != null) {
            if (now < known.getExpirationTime()) {
                return known;
            }
            verified.remove(token, known);
        }
        JsonWebToken fresh = verifyAfresh(token);
        if (now < fresh.getExpirationTime()) {
            if (verified.size() >= capacity) {
                forgetExpired(now);
            }
            verified.put(token, fresh);
        }
        return fresh;
    }

    /** Every check of {@link TokenVerification}, by smallrye's verifier. */
    JsonWebToken verifyAfresh(String token) throws ParseException {
        return super.parse(token);
    }

    int size() {
        return verified.size();
    }

    private void forgetExpired(long now) {
        verified.values().removeIf(t -> now >= t.getExpirationTime());
        if (verified.size() >= capacity) {
            verified.clear();
        }
    }
}
