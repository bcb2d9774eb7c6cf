package app.mysay.security;

import static app.mysay.support.Problems.withoutRequestId;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.mysay.accounts.StaffAccount;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Tokens are RS256 with our key, our issuer and audience, an expiry (at most 5 s of clock skew), a lifetime no
 * longer than we issue, and the claims sub, iat, exp, jti and groups; they come from the HttpOnly session cookie or a
 * Bearer header. Every forgery below is minted against a real, enabled staff account, so that the forged aspect is
 * the only thing wrong with it; the genuine tokens minted the same ways are accepted, so the refusals mean something.
 */
@QuarkusTest
class JwtAttackTest {

    static final String COOKIE = TokenVerification.SESSION_COOKIE;
    static final String SIGN_IN_REQUIRED = "https://mysay.example/problems/sign-in-required";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Staff socialWorker;

    @Inject
    JwtKeys keys;

    @ConfigProperty(name = "mysay.jwt.issuer")
    String issuer;

    @ConfigProperty(name = "mysay.jwt.audience")
    String audience;

    // ---------------------------------------------------------------------------------------------------------------
    // How a token reaches the server, and which endpoints are tried
    // ---------------------------------------------------------------------------------------------------------------

    enum Transport {
        BEARER, COOKIE;

        RequestSpecification carrying(String token) {
            RequestSpecification request = given().contentType(ContentType.JSON).accept(ContentType.JSON);
            return this == BEARER ? request.header("Authorization", "Bearer " + token)
                    : request.cookie(JwtAttackTest.COOKIE, token).header(CrossSiteRequestGuard.REQUEST_HEADER, "1");
        }
    }

    enum Endpoint {
        ME("GET", "/api/auth/me"), CHILDREN("GET", "/api/children"), REFRESH("POST", "/api/auth/refresh");

        final String method;
        final String path;

        Endpoint(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Response call(Transport transport, String token) {
            return transport.carrying(token).request(method, path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Minting
    // ---------------------------------------------------------------------------------------------------------------

    /** Mints tokens for one subject, with the app's real key unless told otherwise. */
    static final class Forge {
        final JwtKeys keys;
        final String issuer;
        final String audience;
        final UUID subject;
        final Role role;

        Forge(JwtKeys keys, String issuer, String audience, UUID subject, Role role) {
            this.keys = keys;
            this.issuer = issuer;
            this.audience = audience;
            this.subject = subject;
            this.role = role;
        }

        static long now() {
            return Instant.now().getEpochSecond();
        }

        /** The claims the app itself puts in a token, built with SmallRye's Jwt builder. */
        JwtClaimsBuilder claims() {
            long now = now();
            return Jwt.issuer(issuer).audience(audience).subject(subject.toString()).groups(role.name())
                    .issuedAt(now).expiresAt(now + 600).claim(TokenService.SESSION_START_CLAIM, now);
        }

        String signed(UnaryOperator<JwtClaimsBuilder> change) {
            return signed(change, keys.privateKey());
        }

        String signed(UnaryOperator<JwtClaimsBuilder> change, PrivateKey key) {
            return change.apply(claims()).jws().algorithm(SignatureAlgorithm.RS256).sign(key);
        }

        /** The same claims as a plain map, for tokens the builder would not make (it always adds iat, exp, jti). */
        Map<String, Object> claimMap() {
            long now = now();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", issuer);
            claims.put("aud", audience);
            claims.put("sub", subject.toString());
            claims.put("iat", now);
            claims.put("exp", now + 600);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("groups", List.of(role.name()));
            claims.put(TokenService.SESSION_START_CLAIM, now);
            return claims;
        }

        Map<String, Object> claimMapWithout(String claim) {
            Map<String, Object> claims = claimMap();
            if (claims.remove(claim) == null) {
                throw new IllegalStateException("no claim " + claim + " to remove");
            }
            return claims;
        }

        String byHand(Map<String, Object> claims) {
            return jws(claims, AlgorithmIdentifiers.RSA_USING_SHA256, keys.privateKey(), null);
        }

        static String jws(Map<String, Object> claims, String algorithm, java.security.Key key, PublicJsonWebKey jwk) {
            try {
                JsonWebSignature jws = new JsonWebSignature();
                jws.setPayload(JSON.writeValueAsString(claims));
                jws.setAlgorithmHeaderValue(algorithm);
                jws.setHeader("typ", "JWT");
                jws.setKey(key);
                jws.setDoKeyValidation(false);
                if (jwk != null) {
                    jws.setJwkHeader(jwk);
                }
                return jws.getCompactSerialization();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Changes a genuine token's payload and keeps its header and signature. */
        String tampered(java.util.function.Consumer<ObjectNode> change) {
            String[] parts = signed(UnaryOperator.identity()).split("\\.");
            try {
                ObjectNode payload = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
                String before = payload.toString();
                change.accept(payload);
                if (before.equals(payload.toString())) {
                    throw new IllegalStateException("the tampering changed nothing");
                }
                return parts[0] + "." + base64Url(payload.toString()) + "." + parts[2];
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String publicKeyPem() {
            return "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(keys.publicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
        }
    }

    static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static KeyPair otherKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tokens that must be refused. */
    enum Forgery {
        EXPIRED_10_S_AGO_BEYOND_THE_5_S_SKEW {
            String mint(Forge f) {
                long now = Forge.now();
                return f.signed(b -> b.issuedAt(now - 300).expiresAt(now - 10));
            }
        },
        EXPIRED_AN_HOUR_AGO {
            String mint(Forge f) {
                long now = Forge.now();
                return f.signed(b -> b.issuedAt(now - 4200).expiresAt(now - 3600));
            }
        },
        WRONG_ISSUER {
            String mint(Forge f) {
                return f.signed(b -> b.issuer("https://attacker.example/api"));
            }
        },
        WRONG_AUDIENCE {
            String mint(Forge f) {
                return f.signed(b -> b.audience("some-other-api"));
            }
        },
        NO_AUDIENCE {
            String mint(Forge f) {
                return f.byHand(f.claimMapWithout("aud"));
            }
        },
        SIGNED_BY_ANOTHER_KEY {
            String mint(Forge f) {
                return f.signed(UnaryOperator.identity(), otherKeyPair().getPrivate());
            }
        },
        SIGNED_BY_ANOTHER_KEY_CARRIED_IN_THE_JWK_HEADER {
            String mint(Forge f) {
                KeyPair other = otherKeyPair();
                try {
                    return Forge.jws(f.claimMap(), AlgorithmIdentifiers.RSA_USING_SHA256, other.getPrivate(),
                            PublicJsonWebKey.Factory.newPublicJwk(other.getPublic()));
                } catch (org.jose4j.lang.JoseException e) {
                    throw new IllegalStateException(e);
                }
            }
        },
        ALG_NONE_UNSIGNED {
            String mint(Forge f) {
                try {
                    return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                            + base64Url(JSON.writeValueAsString(f.claimMap())) + ".";
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        },
        ALG_NONE_KEEPING_A_GENUINE_SIGNATURE {
            String mint(Forge f) {
                String[] genuine = f.signed(UnaryOperator.identity()).split("\\.");
                return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + genuine[1] + "." + genuine[2];
            }
        },
        HS256_KEYED_WITH_THE_PUBLIC_KEY_DER_BYTES {
            String mint(Forge f) {
                return Forge.jws(f.claimMap(), AlgorithmIdentifiers.HMAC_SHA256,
                        new HmacKey(f.keys.publicKey().getEncoded()), null);
            }
        },
        HS256_KEYED_WITH_THE_PUBLIC_KEY_PEM_TEXT {
            String mint(Forge f) {
                return Forge.jws(f.claimMap(), AlgorithmIdentifiers.HMAC_SHA256,
                        new HmacKey(f.publicKeyPem().getBytes(StandardCharsets.US_ASCII)), null);
            }
        },
        TAMPERED_ROLE_IN_GROUPS {
            String mint(Forge f) {
                return f.tampered(p -> p.putArray("groups").add(Role.MANAGER.name()));
            }
        },
        TAMPERED_SUBJECT {
            String mint(Forge f) {
                return f.tampered(p -> p.put("sub", UUID.randomUUID().toString()));
            }
        },
        TAMPERED_EXPIRY_EXTENDED {
            String mint(Forge f) {
                return f.tampered(p -> p.put("exp", p.get("exp").asLong() + 3600));
            }
        },
        MISSING_EXP {
            String mint(Forge f) {
                return f.byHand(f.claimMapWithout("exp"));
            }
        },
        MISSING_IAT {
            String mint(Forge f) {
                return f.byHand(f.claimMapWithout("iat"));
            }
        },
        MISSING_SUB {
            String mint(Forge f) {
                return f.byHand(f.claimMapWithout("sub"));
            }
        },
        MISSING_JTI {
            String mint(Forge f) {
                return f.byHand(f.claimMapWithout("jti"));
            }
        },
        MISSING_GROUPS {
            String mint(Forge f) {
                return f.byHand(f.claimMapWithout("groups"));
            }
        },
        LIFETIME_OF_A_DAY {
            String mint(Forge f) {
                long now = Forge.now();
                return f.signed(b -> b.issuedAt(now).expiresAt(now + 24 * 3600));
            }
        },
        LIFETIME_OF_16_MINUTES_JUST_OVER_THE_15_ISSUED {
            String mint(Forge f) {
                long now = Forge.now();
                return f.signed(b -> b.issuedAt(now).expiresAt(now + 16 * 60));
            }
        },
        SUBJECT_NOT_AN_ID {
            String mint(Forge f) {
                return f.signed(b -> b.subject("admin"));
            }
        },
        TWO_ROLES_AT_ONCE {
            String mint(Forge f) {
                return f.signed(b -> b.groups(Set.of(Role.SOCIAL_WORKER.name(), Role.MANAGER.name())));
            }
        },
        CHILD_ROLE_WITHOUT_ITS_DEVICE {
            String mint(Forge f) {
                return f.signed(b -> b.groups(Role.CHILD.name()));
            }
        },
        CHILD_ROLE_WHOSE_DEVICE_IS_A_NUMBER {
            String mint(Forge f) {
                return f.signed(b -> b.groups(Role.CHILD.name()).claim(TokenService.DEVICE_CLAIM, 42));
            }
        },
        CHILD_ROLE_WHOSE_DEVICE_IS_NOT_AN_ID {
            String mint(Forge f) {
                return f.signed(b -> b.groups(Role.CHILD.name()).claim(TokenService.DEVICE_CLAIM, "phone"));
            }
        },
        GARBAGE {
            String mint(Forge f) {
                return "this-is-not-a-token";
            }
        },
        GARBAGE_IN_THREE_PARTS {
            String mint(Forge f) {
                return base64Url("{\"alg\":\"RS256\"}") + "." + base64Url("{}") + ".AAAA";
            }
        };

        abstract String mint(Forge f);
    }

    /** Tokens that must be accepted: the same minting paths, untampered, and one expired within the skew. */
    enum Genuine {
        BUILT_WITH_SMALLRYE_JWT {
            String mint(Forge f) {
                return f.signed(UnaryOperator.identity());
            }
        },
        BUILT_BY_HAND_WITH_JOSE4J {
            String mint(Forge f) {
                return f.byHand(f.claimMap());
            }
        },
        EXPIRED_2_S_AGO_WITHIN_THE_5_S_SKEW {
            String mint(Forge f) {
                long now = Forge.now();
                return f.signed(b -> b.issuedAt(now - 300).expiresAt(now - 2));
            }
        };

        abstract String mint(Forge f);
    }

    static synchronized Staff socialWorker() {
        if (socialWorker == null) {
            socialWorker = Api.staff(Role.SOCIAL_WORKER);
        }
        return socialWorker;
    }

    Forge forge() {
        return new Forge(keys, issuer, audience, socialWorker().id(), Role.SOCIAL_WORKER);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Forgeries are refused, genuine tokens accepted
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> forgeries() {
        return Arrays.stream(Forgery.values()).flatMap(forgery -> Arrays.stream(Endpoint.values())
                .flatMap(endpoint -> Arrays.stream(Transport.values())
                        .map(transport -> Arguments.of(forgery, endpoint, transport))));
    }

    @ParameterizedTest(name = "{0} via {2} on {1}")
    @MethodSource("forgeries")
    void aForgedOrInvalidTokenIsRefusedWith401(Forgery forgery, Endpoint endpoint, Transport transport) {
        String token = forgery.mint(forge());
        Response response = endpoint.call(transport, token);
        assertUnauthenticated(forgery + " via " + transport + " on " + endpoint, response);
    }

    static Stream<Arguments> genuineTokens() {
        return Arrays.stream(Genuine.values()).flatMap(genuine -> Arrays.stream(Endpoint.values())
                .flatMap(endpoint -> Arrays.stream(Transport.values())
                        .map(transport -> Arguments.of(genuine, endpoint, transport))));
    }

    @ParameterizedTest(name = "{0} via {2} on {1}")
    @MethodSource("genuineTokens")
    void aGenuineTokenIsAcceptedAsBearerAndAsTheCookie(Genuine genuine, Endpoint endpoint, Transport transport) {
        String token = genuine.mint(forge());
        Response response = endpoint.call(transport, token);
        String what = genuine + " via " + transport + " on " + endpoint;
        assertEquals(200, response.statusCode(), what + ": " + response.asString());
        if (endpoint == Endpoint.ME) {
            assertEquals(socialWorker().id().toString(), response.path("id"), what);
            assertEquals("SOCIAL_WORKER", response.path("role"), what);
        }
    }

    @Test
    void noTokenAtAllIsRefusedWith401() {
        for (Endpoint endpoint : Endpoint.values()) {
            Response response = given().accept(ContentType.JSON).request(endpoint.method, endpoint.path);
            assertUnauthenticated("no token on " + endpoint, response);
        }
    }

    @Test
    void aGenuinelySignedTokenForAStaffAccountThatDoesNotExistIsRefused() {
        Forge nobody = new Forge(keys, issuer, audience, UUID.randomUUID(), Role.SOCIAL_WORKER);
        for (Endpoint endpoint : Endpoint.values()) {
            for (Transport transport : Transport.values()) {
                assertUnauthenticated("an account that does not exist via " + transport + " on " + endpoint,
                        endpoint.call(transport, nobody.signed(UnaryOperator.identity())));
            }
        }
    }

    @Test
    void aGenuinelySignedTokenForAChildThatDoesNotExistIsRefused() {
        Forge nobody = new Forge(keys, issuer, audience, UUID.randomUUID(), Role.CHILD);
        String token = nobody.signed(b -> b.claim(TokenService.DEVICE_CLAIM, UUID.randomUUID().toString()));
        assertUnauthenticated("a child who does not exist on GET /api/auth/me", Endpoint.ME.call(Transport.BEARER, token));
        assertUnauthenticated("a child who does not exist on POST /api/auth/refresh",
                Endpoint.REFRESH.call(Transport.BEARER, token));
    }

    @Test
    void aTokenIssuedBeforeTheAccountWasDisabledStopsWorking() {
        Staff leaver = Api.staff(Role.SOCIAL_WORKER);
        String name = "Fay-" + Api.shortId();
        UUID child = Api.child(leaver, name, Api.family(leaver), null);
        Api.as(leaver).get("/api/children/" + child).then().statusCode(200);

        Api.inTransaction(() -> StaffAccount.<StaffAccount>findById(leaver.id()).invoke(a -> a.enabled = false));

        for (Endpoint endpoint : Endpoint.values()) {
            for (Transport transport : Transport.values()) {
                Response response = endpoint.call(transport, leaver.token());
                assertUnauthenticated("a disabled account's token via " + transport + " on " + endpoint, response);
                assertFalse(response.asString().contains(name), "a disabled account still sees the child's name");
            }
        }
        Response single = Api.as(leaver).get("/api/children/" + child);
        assertUnauthenticated("a disabled account's token on GET /api/children/{id}", single);
        assertFalse(single.asString().contains(name), "a disabled account still sees the child's record");
    }

    @Test
    void aTokenWhoseRoleIsNotTheAccountsRoleIsRefused() {
        // Genuinely signed, but the account is a social worker's: the token must not outrank the account.
        Forge promoted = new Forge(keys, issuer, audience, socialWorker().id(), Role.MANAGER);
        for (Endpoint endpoint : Endpoint.values()) {
            assertUnauthenticated("a MANAGER token for a social worker's account on " + endpoint,
                    endpoint.call(Transport.BEARER, promoted.signed(UnaryOperator.identity())));
        }
    }

    /**
     * After signing out, the attack set again against the signed-out account: every forgery is still refused, and so
     * is every genuinely signed token issued up to the second before the revocation (built with SmallRye and by hand,
     * as Bearer and as cookie, on every endpoint); one issued in the revocation's own second is accepted, which shows
     * the boundary is exact (iat is in whole seconds; the revocation is rounded up to the next one).
     */
    @Test
    void afterSigningOutForgeriesAndTokensIssuedBeforeAreAllRefused() {
        Staff revoked = Api.staff(Role.SOCIAL_WORKER);
        Transport.BEARER.carrying(revoked.token()).post("/api/auth/sign-out").then().statusCode(204);
        Instant validAfter = Api.inSession(() -> StaffAccount.<StaffAccount>findById(revoked.id())
                .map(a -> a.tokensValidAfter));
        assertNotNull(validAfter, "signing out set tokens_valid_after");
        assertEquals(0, validAfter.getNano(), "revocations are whole seconds");
        Forge f = new Forge(keys, issuer, audience, revoked.id(), Role.SOCIAL_WORKER);
        long justBefore = validAfter.getEpochSecond() - 1;
        Map<String, Object> byHand = f.claimMap();
        byHand.put("iat", justBefore);
        byHand.put("exp", justBefore + 600);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("the signed-out token itself", revoked.token());
        tokens.put("genuine, SmallRye, issued the second before", f.signed(b -> b.issuedAt(justBefore)
                .expiresAt(justBefore + 600)));
        tokens.put("genuine, by hand, issued the second before", f.byHand(byHand));
        for (Forgery forgery : Forgery.values()) {
            tokens.put(forgery.name(), forgery.mint(f));
        }
        tokens.forEach((what, token) -> {
            for (Endpoint endpoint : Endpoint.values()) {
                for (Transport transport : Transport.values()) {
                    assertUnauthenticated(what + " after signing out, via " + transport + " on " + endpoint,
                            endpoint.call(transport, token));
                }
            }
        });
        long atTheBoundary = validAfter.getEpochSecond();
        String fresh = f.signed(b -> b.issuedAt(atTheBoundary).expiresAt(atTheBoundary + 600));
        Endpoint.ME.call(Transport.BEARER, fresh).then().statusCode(200);
        Endpoint.ME.call(Transport.COOKIE, fresh).then().statusCode(200);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Refreshing
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void refreshReturnsANewWorkingTokenForTheSameSession() throws Exception {
        Staff staff = Api.staff(Role.CHAIR);
        Response refreshed = Api.as(staff).post("/api/auth/refresh");
        assertEquals(200, refreshed.statusCode(), refreshed.asString());
        String token = refreshed.getCookie("mysay_session");
        assertNotNull(token);
        assertNotEquals(staff.token(), token, "refresh must return a new token");
        Map<?, ?> before = payload(staff.token());
        Map<?, ?> after = payload(token);
        assertNotEquals(before.get("jti"), after.get("jti"), "a new token id");
        assertEquals(before.get(TokenService.SESSION_START_CLAIM), after.get(TokenService.SESSION_START_CLAIM),
                "the session's start is carried over, so refreshing cannot extend a session for ever");
        assertEquals(staff.id().toString(), after.get("sub"));
        assertEquals(List.of("CHAIR"), after.get("groups"));
        SetCookie cookie = sessionCookie(refreshed).orElseThrow(() -> new AssertionError("refresh set no cookie"));
        assertEquals(token, cookie.value(), "the cookie carries the refreshed token");
        assertSecureCookie("refresh", cookie);
        Api.as(token).get("/api/auth/me").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo(staff.id().toString()));
    }

    @Test
    void aSessionOlderThanTheMaximumCannotBeRefreshed() {
        long elevenHoursAgo = Forge.now() - 11 * 3600;
        String token = forge().signed(b -> b.claim(TokenService.SESSION_START_CLAIM, elevenHoursAgo));
        Endpoint.ME.call(Transport.BEARER, token).then().statusCode(200);
        assertUnauthenticated("refreshing an 11-hour-old session", Endpoint.REFRESH.call(Transport.BEARER, token));
    }

    @Test
    void aTokenWithoutASessionStartCannotBeRefreshed() {
        String token = forge().byHand(forge().claimMapWithout(TokenService.SESSION_START_CLAIM));
        Endpoint.ME.call(Transport.BEARER, token).then().statusCode(200);
        assertUnauthenticated("refreshing without a session start", Endpoint.REFRESH.call(Transport.BEARER, token));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Staff sign-in and sign-out
    // ---------------------------------------------------------------------------------------------------------------

    static Response signIn(String email, String password) {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).post("/api/auth/sign-in");
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        Staff staff = socialWorker();
        Response wrongPassword = signIn(staff.email(), "not the right password at all");
        Response unknownEmail = signIn("nobody-" + UUID.randomUUID() + "@test.mysay.example", Api.PASSWORD);
        Staff disabled = Api.staff(Role.ADVOCATE);
        Api.inTransaction(() -> StaffAccount.<StaffAccount>findById(disabled.id()).invoke(a -> a.enabled = false));
        Response disabledAccount = signIn(disabled.email(), Api.PASSWORD);

        for (Response response : List.of(wrongPassword, unknownEmail, disabledAccount)) {
            assertEquals(401, response.statusCode(), response.asString());
            assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
            assertEquals("https://mysay.example/problems/sign-in-failed", response.path("type"));
            assertFalse(sessionCookie(response).isPresent(), "a failed sign-in sets no session cookie");
            assertFalse(response.asString().contains("token"), "a failed sign-in carries no token");
        }
        // Each answer has its own request id; nothing else may differ.
        assertEquals(withoutRequestId(wrongPassword), withoutRequestId(unknownEmail),
                "wrong password and unknown e-mail must be indistinguishable");
        assertEquals(withoutRequestId(wrongPassword), withoutRequestId(disabledAccount),
                "wrong password and disabled account must be indistinguishable");
    }

    @Test
    void signingInSetsAnHttpOnlySecureStrictSessionCookieHoldingTheToken() {
        Staff staff = socialWorker();
        Response response = signIn(staff.email(), Api.PASSWORD);
        assertEquals(200, response.statusCode(), response.asString());
        SetCookie cookie = sessionCookie(response).orElseThrow(() -> new AssertionError("no session cookie set"));
        assertSecureCookie("sign-in", cookie);
        assertEquals("/", cookie.attributes().get("path"), "the session cookie's path");
        long maxAge = Long.parseLong(cookie.attributes().getOrDefault("max-age", "-1"));
        assertTrue(maxAge > 0 && maxAge <= 15 * 60, "the cookie lives no longer than the token: max-age " + maxAge);
        // The token is in the HttpOnly cookie only: never in the body, where a script could read it.
        assertNull(response.path("token"), "no token in the body");
        assertFalse(response.asString().contains(cookie.value()), "the body does not carry the token");
        Transport.COOKIE.carrying(cookie.value()).get("/api/auth/me").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo(staff.id().toString()));
    }

    @Test
    void signingOutClearsTheSessionCookie() {
        // Its own account: signing out revokes every token of the account (see afterSigningOut... above).
        Response response = Transport.COOKIE.carrying(Api.staff(Role.SOCIAL_WORKER).token()).post("/api/auth/sign-out");
        assertEquals(204, response.statusCode(), response.asString());
        SetCookie cookie = sessionCookie(response).orElseThrow(() -> new AssertionError("sign-out cleared no cookie"));
        assertEquals("", cookie.value(), "the cleared cookie holds nothing");
        assertEquals("0", cookie.attributes().get("max-age"), "the cleared cookie expires at once");
        assertEquals("/", cookie.attributes().get("path"), "cleared on the same path it was set on");
        assertSecureCookie("sign-out", cookie);
    }

    // ---------------------------------------------------------------------------------------------------------------

    record SetCookie(String value, Map<String, String> attributes) {
    }

    /** The Set-Cookie for the session cookie, parsed by hand so that every attribute is checked as sent. */
    static Optional<SetCookie> sessionCookie(Response response) {
        return response.headers().getValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(COOKIE + "="))
                .findFirst()
                .map(header -> {
                    String[] parts = header.split(";");
                    String value = parts[0].substring(COOKIE.length() + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    Map<String, String> attributes = Arrays.stream(parts).skip(1).map(String::trim)
                            .filter(p -> !p.isEmpty())
                            .collect(Collectors.toMap(p -> p.split("=", 2)[0].toLowerCase(Locale.ROOT),
                                    p -> p.contains("=") ? p.split("=", 2)[1] : "", (a, b) -> b, LinkedHashMap::new));
                    return new SetCookie(value, attributes);
                });
    }

    static void assertSecureCookie(String when, SetCookie cookie) {
        assertTrue(cookie.attributes().containsKey("httponly"), when + ": the session cookie must be HttpOnly "
                + cookie.attributes());
        assertTrue(cookie.attributes().containsKey("secure"), when + ": the session cookie must be Secure "
                + cookie.attributes());
        assertEquals("strict", cookie.attributes().getOrDefault("samesite", "").toLowerCase(Locale.ROOT),
                when + ": the session cookie must be SameSite=Strict " + cookie.attributes());
    }

    static void assertUnauthenticated(String what, Response response) {
        assertEquals(401, response.statusCode(), what + " answered " + response.statusCode() + ": "
                + response.asString());
        String contentType = response.contentType();
        assertTrue(contentType != null && contentType.startsWith("application/problem+json"),
                what + ": content type " + contentType);
        Map<String, Object> problem = response.jsonPath().getMap("");
        assertEquals(SIGN_IN_REQUIRED, problem.get("type"), what + ": problem type");
        assertEquals(401, problem.get("status"), what + ": problem status");
        assertTrue(Set.of("type", "title", "status", "detail", "instance", "requestId").containsAll(problem.keySet()),
                what + ": the problem carries more than a problem: " + problem.keySet());
        assertEquals("Bearer", response.header("WWW-Authenticate"), what + ": WWW-Authenticate");
        assertFalse(response.headers().getValues("Set-Cookie").stream().anyMatch(h -> h.startsWith(COOKIE + "=")
                && !h.startsWith(COOKIE + "=;") && !h.startsWith(COOKIE + "=\"\"")),
                what + ": a refused request must not be handed a session");
    }

    static Map<?, ?> payload(String token) throws java.io.IOException {
        return JSON.readValue(Base64.getUrlDecoder().decode(token.split("\\.")[1]), Map.class);
    }
}
