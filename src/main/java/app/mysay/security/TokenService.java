package app.mysay.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Issues MySay's short-lived session tokens. Tokens carry ids and a role, never names or content. */
@ApplicationScoped
public class TokenService {

    public static final String DEVICE_CLAIM = "dev";
    public static final String SESSION_START_CLAIM = "ses";

    public record IssuedToken(String token, Instant expiresAt) {
    }

    private final JwtKeys keys;
    private final TokenSettings settings;

    TokenService(JwtKeys keys, TokenSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    public IssuedToken forStaff(UUID accountId, Role role, long sessionStartedAt) {
        return issue(claims(accountId, role, sessionStartedAt), settings.staffLifetime());
    }

    public IssuedToken forChild(UUID childId, UUID deviceId, long sessionStartedAt) {
        return issue(claims(childId, Role.CHILD, sessionStartedAt).claim(DEVICE_CLAIM, deviceId.toString()),
                settings.childLifetime());
    }

    /** A refreshed token keeps the session's start, so no session outlives {@code mysay.jwt.max-session}. */
    public boolean mayRefresh(long sessionStartedAt) {
        return Instant.now().isBefore(Instant.ofEpochSecond(sessionStartedAt).plus(settings.maxSession()));
    }

    private JwtClaimsBuilder claims(UUID subject, Role role, long sessionStartedAt) {
        return Jwt.issuer(settings.issuer())
                .audience(settings.audience())
                .subject(subject.toString())
                .groups(Set.of(role.name()))
                .claim(SESSION_START_CLAIM, sessionStartedAt);
    }

    private IssuedToken issue(JwtClaimsBuilder claims, Duration lifetime) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(lifetime);
        String token = claims.issuedAt(now).expiresAt(expiresAt)
                .jws().algorithm(SignatureAlgorithm.RS256).sign(keys.privateKey());
        return new IssuedToken(token, expiresAt);
    }
}
