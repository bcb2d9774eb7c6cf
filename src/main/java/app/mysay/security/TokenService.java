package app.mysay.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    /**
     * A staff token. {@code validAfter} is the account's {@code tokens_valid_after} (null if never revoked): the token's
     * iat is never before it, so a token issued in the second just after a revocation is not refused with the old ones.
     */
    public IssuedToken forStaff(UUID accountId, Role role, long sessionStartedAt, Instant validAfter) {
        return issue(claims(accountId, role, sessionStartedAt), settings.staffLifetime(), validAfter);
    }

    /** A child's token, on one device; {@code validAfter} is the device's {@code tokens_valid_after}. */
    public IssuedToken forChild(UUID childId, UUID deviceId, long sessionStartedAt, Instant validAfter) {
        return issue(claims(childId, Role.CHILD, sessionStartedAt).claim(DEVICE_CLAIM, deviceId.toString()),
                settings.childLifetime(), validAfter);
    }

    /**
     * The {@code tokens_valid_after} that revokes every token issued until now: iat is in whole seconds, so this is
     * now rounded up to the next whole second. A token issued before now has an iat before it and is refused (the
     * check is {@code iat >= tokens_valid_after}); tokens issued afterwards carry an iat of at least this.
     */
    public static Instant revokeUntilNow() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    /**
     * The account's (or device's) new {@code tokens_valid_after}, given its current one (null if never revoked) and
     * {@link #revokeUntilNow()}. A token issued just after the current revocation carries that time as its iat (see
     * {@link #issue}), so when a second revocation falls in the same second, reusing the time would let that token
     * through: it goes one second past the current one instead.
     */
    public static Instant later(Instant current, Instant revocation) {
        return current == null || revocation.isAfter(current) ? revocation : current.plusSeconds(1);
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

    private IssuedToken issue(JwtClaimsBuilder claims, Duration lifetime, Instant validAfter) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(lifetime);
        // At most a second or two ahead of now (within the 5 s of clock skew the verification allows).
        Instant issuedAt = validAfter != null && validAfter.isAfter(now) ? validAfter : now;
        String token = claims.issuedAt(issuedAt.getEpochSecond()).expiresAt(expiresAt)
                .jws().algorithm(SignatureAlgorithm.RS256).sign(keys.privateKey());
        return new IssuedToken(token, expiresAt);
    }
}
