package app.mysay.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/**
 * The cache of verified tokens: a token is verified once while it lasts, a token that differs by one character is
 * verified afresh (and a forged one refused), a remembered token is never given back at or after its expiry, and the
 * cache stays within its size. The verifier is the real one, with the app's checks, against a key made for the test.
 */
class VerifiedTokensTest {

    private static final String ISSUER = "https://mysay.test";
    private static final String AUDIENCE = "mysay-test";
    private static KeyPair keys;

    private final AtomicInteger verifications = new AtomicInteger();
    private final MutableClock clock = new MutableClock();

    @BeforeAll
    static void makeKeys() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    private VerifiedTokens cache(int capacity) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        info.setExpectedAudience(Set.of(AUDIENCE));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setClockSkew(TokenVerification.CLOCK_SKEW_SECONDS);
        info.setRequiredClaims(Set.of("sub", "iat", "exp", "jti", "groups"));
        return new VerifiedTokens(info, clock, capacity) {
            @Override
            JsonWebToken verifyAfresh(String token) throws ParseException {
                verifications.incrementAndGet();
                return super.verifyAfresh(token);
            }
        };
    }

    private static String token(long expiresInSeconds) {
        long now = Instant.now().getEpochSecond();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(UUID.randomUUID().toString()).groups("CHILD")
                .issuedAt(now - 60).expiresAt(now + expiresInSeconds).claim("jti", UUID.randomUUID().toString())
                .jws().algorithm(SignatureAlgorithm.RS256).sign(keys.getPrivate());
    }

    @Test
    void aTokenIsVerifiedOnceWhileItLasts() throws ParseException {
        VerifiedTokens tokens = cache(10);
        String token = token(600);
        JsonWebToken first = tokens.parse(token);
        JsonWebToken again = tokens.parse(token);
        assertSame(first, again);
        assertEquals(1, verifications.get());
        tokens.parse(token(600));
        assertEquals(2, verifications.get(), "another token is verified for itself");
    }

    @Test
    void aTokenDifferingByOneCharacterIsVerifiedAfreshAndAForgeryRefused() throws ParseException {
        VerifiedTokens tokens = cache(10);
        String token = token(600);
        tokens.parse(token);
        int last = token.length() - 2;
        String forged = token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.charAt(last + 1);
        assertThrows(ParseException.class, () -> tokens.parse(forged));
        assertEquals(2, verifications.get());
        String[] parts = token.split("\\.");
        String otherPayload = token(600).split("\\.")[1];
        assertThrows(ParseException.class, () -> tokens.parse(parts[0] + "." + otherPayload + "." + parts[2]),
                "a remembered signature does not vouch for another payload");
    }

    @Test
    void aRememberedTokenIsNeverGivenBackAtOrAfterItsExpiry() throws ParseException {
        VerifiedTokens tokens = cache(10);
        String token = token(600);
        JsonWebToken first = tokens.parse(token);
        clock.at(Instant.ofEpochSecond(first.getExpirationTime() - 1));
        tokens.parse(token);
        assertEquals(1, verifications.get(), "one second before its expiry it is still remembered");
        clock.at(Instant.ofEpochSecond(first.getExpirationTime()));
        tokens.parse(token);
        assertEquals(2, verifications.get(), "at its expiry it goes to the verifier again");
        assertEquals(0, tokens.size(), "and is not remembered again past its expiry");
    }

    @Test
    void aTokenAcceptedOnlyThroughTheClockSkewIsNotRemembered() throws ParseException {
        VerifiedTokens tokens = cache(10);
        String token = token(-2);
        tokens.parse(token);
        tokens.parse(token);
        assertEquals(2, verifications.get());
        assertEquals(0, tokens.size());
    }

    @Test
    void theCacheStaysWithinItsSizeForgettingExpiredTokensFirst() throws ParseException {
        VerifiedTokens tokens = cache(3);
        String shortLived = token(60);
        tokens.parse(shortLived);
        tokens.parse(token(600));
        tokens.parse(token(600));
        clock.at(Instant.now().plusSeconds(120));
        tokens.parse(token(600));
        assertEquals(3, tokens.size(), "the expired one made room");
        tokens.parse(token(600));
        assertEquals(1, tokens.size(), "none had expired: all forgotten, then the new one kept");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        void at(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now == null ? Instant.now() : now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
