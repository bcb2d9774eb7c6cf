package app.mysay.security;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * How every incoming token is checked: RS256 only (so "none" and HMAC tokens are refused), our issuer and audience,
 * an expiry with at most 5 seconds of clock skew, and a lifetime no longer than we ever issue.
 * The token is read from the HttpOnly session cookie, or from an Authorization: Bearer header for API clients.
 */
@ApplicationScoped
public class TokenVerification {

    public static final String SESSION_COOKIE = "mysay_session";
    static final int CLOCK_SKEW_SECONDS = 5;

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo authContextInfo(JwtKeys keys, TokenSettings settings) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys.publicKey(), settings.issuer());
        info.setExpectedAudience(Set.of(settings.audience()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setClockSkew(CLOCK_SKEW_SECONDS);
        info.setMaxTimeToLiveSecs(Math.max(settings.staffLifetime().toSeconds(), settings.childLifetime().toSeconds()));
        info.setRequiredClaims(Set.of("sub", "iat", "exp", "jti", "groups"));
        info.setTokenHeader("Cookie");
        info.setTokenCookie(SESSION_COOKIE);
        info.setAlwaysCheckAuthorization(true);
        return info;
    }
}
