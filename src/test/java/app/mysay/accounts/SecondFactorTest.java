package app.mysay.accounts;

import static app.mysay.support.Problems.invalid;
import static app.mysay.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditEvent;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import app.mysay.support.GreenMailResource;
import app.mysay.support.GreenMailResource.InjectGreenMail;
import app.mysay.support.PasswordLinks;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Staff multi-factor sign-in where each account chooses (the tests' default): setting an authenticator app up from the
 * account page, then signing in with a code or a recovery code; codes used once only; a challenge spent after five
 * wrong codes; the secret encrypted at rest; changing the password; a manager disabling an account and resetting a
 * lost second factor. {@link SecondFactorRequiredTest} covers the council requiring it.
 */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class SecondFactorTest {

    @InjectGreenMail
    GreenMail greenMail;

    /** The set-up from the account page: the secret, and the recovery codes. */
    record SetUp(String secret, List<String> recoveryCodes, String token) {
    }

    static Response signInWithPassword(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", Api.PASSWORD))
                .post("/api/auth/sign-in");
    }

    static String challenge(String email) {
        Response step = signInWithPassword(email);
        step.then().statusCode(200);
        assertEquals("ENTER_CODE", step.path("secondStep"));
        assertNull(step.path("token"), "no session before the second step");
        assertTrue(step.headers().getValues("Set-Cookie").isEmpty(), "no cookie before the second step");
        return step.path("challenge");
    }

    static Response enterCode(String challenge, String code) {
        return given().contentType(ContentType.JSON).body(Map.of("challenge", challenge, "code", code))
                .post("/api/auth/second-factor");
    }

    /** The code an authenticator app shows {@code stepsAhead} steps from now. */
    static String code(String secret, int stepsAhead) {
        return Totp.codeAt(secret, Totp.stepAt(Instant.now().getEpochSecond()) + stepsAhead);
    }

    static SetUp setUp(Staff staff) {
        Response details = Api.as(staff).body(Map.of("password", Api.PASSWORD))
                .post("/api/account/second-factor/set-up");
        details.then().statusCode(200);
        String secret = details.path("secret");
        assertTrue(details.<String>path("keyUri").startsWith("otpauth://totp/MySay%3A"), details.asString());
        assertTrue(details.<String>path("keyUri").contains("secret=" + secret));
        assertTrue(details.<Integer>path("qrCode.size") > 20);
        Response done = Api.as(staff).body(Map.of("code", code(secret, 0)))
                .post("/api/account/second-factor/set-up/confirmation");
        done.then().statusCode(200);
        return new SetUp(secret, done.path("recoveryCodes"), done.getCookie("mysay_session"));
    }

    @Test
    void settingUpNeedsThePasswordAndAWorkingCode() {
        Staff staff = Api.staff(Role.SOCIAL_WORKER);
        invalid(Api.as(staff).body(Map.of("password", "not my password at all"))
                .post("/api/account/second-factor/set-up"), "password");
        String secret = Api.as(staff).body(Map.of("password", Api.PASSWORD))
                .post("/api/account/second-factor/set-up").then().statusCode(200).extract().path("secret");
        String wrong = code(secret, 0).equals("000000") ? "111111" : "000000";
        invalid(Api.as(staff).body(Map.of("code", wrong)).post("/api/account/second-factor/set-up/confirmation"),
                "code");
        Api.as(staff).get("/api/account/second-factor").then().statusCode(200)
                .body("setUp", org.hamcrest.Matchers.equalTo(false));
        // Until confirmed, signing in needs no code.
        signInWithPassword(staff.email()).then().statusCode(200).cookie("mysay_session", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void signingInWithAnAuthenticatorCodeEachCodeOnce() {
        Staff staff = Api.staff(Role.CHAIR);
        SetUp setUp = setUp(staff);
        assertEquals(RecoveryCodes.COUNT, setUp.recoveryCodes().size());
        assertEquals(RecoveryCodes.COUNT, setUp.recoveryCodes().stream().distinct().count());
        // Setting up ended the other sessions; the new token works.
        Api.as(staff).get("/api/auth/me").then().statusCode(401);
        Api.as(setUp.token()).get("/api/account/second-factor").then().statusCode(200)
                .body("setUp", org.hamcrest.Matchers.equalTo(true))
                .body("recoveryCodesLeft", org.hamcrest.Matchers.equalTo(10));

        // The code used to confirm the set-up cannot sign in: it has been used.
        problem(enterCode(challenge(staff.email()), code(setUp.secret(), 0)), 401, "second-factor-failed");
        // The next one can, once.
        String next = code(setUp.secret(), 1);
        Response signedIn = enterCode(challenge(staff.email()), next);
        signedIn.then().statusCode(200);
        assertTrue(signedIn.headers().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(app.mysay.security.TokenVerification.SESSION_COOKIE + "=")),
                "the cookie is set once the second step is done");
        Api.as(signedIn.getCookie("mysay_session")).get("/api/auth/me").then().statusCode(200)
                .body("role", org.hamcrest.Matchers.equalTo("CHAIR"));
        problem(enterCode(challenge(staff.email()), next), 401, "second-factor-failed");

        List<AuditEvent> events = Api.inSession(() -> AuditEvent.<AuditEvent>list(
                "actorId = ?1 and action in ?2 order by id", staff.id(),
                List.of(AuditAction.STAFF_SIGNED_IN, AuditAction.SECOND_FACTOR_FAILED, AuditAction.SECOND_FACTOR_SET_UP)));
        assertEquals(List.of(AuditAction.STAFF_SIGNED_IN, AuditAction.SECOND_FACTOR_SET_UP,
                AuditAction.SECOND_FACTOR_FAILED, AuditAction.STAFF_SIGNED_IN, AuditAction.SECOND_FACTOR_FAILED),
                events.stream().map(e -> e.action).toList());
        assertEquals("password and authenticator code", events.get(3).detail);
    }

    @Test
    void aChallengeIsUsedOnceAndSpentAfterFiveWrongCodes() {
        Staff staff = Api.staff(Role.ADVOCATE);
        SetUp setUp = setUp(staff);
        String challenge = challenge(staff.email());
        enterCode(challenge, code(setUp.secret(), 1)).then().statusCode(200);
        problem(enterCode(challenge, code(setUp.secret(), -1)), 401, "sign-in-expired");

        String another = challenge(staff.email());
        for (int i = 0; i < SecondFactorService.CHALLENGE_TRIES; i++) {
            problem(enterCode(another, "12345" + i), 401, "second-factor-failed");
        }
        // Even a right recovery code is too late now: the password must be given again.
        problem(enterCode(another, setUp.recoveryCodes().get(0)), 401, "sign-in-expired");
        problem(enterCode("made-up-challenge", "123456"), 401, "sign-in-expired");
        // A challenge is not a session.
        given().header("Authorization", "Bearer " + another).get("/api/auth/me").then().statusCode(401);
        // Malformed requests are told what to send.
        invalid(given().contentType(ContentType.JSON).body(Map.of("challenge", another))
                .post("/api/auth/second-factor"), "code");
    }

    @Test
    void recoveryCodesWorkOnceEachInAnyCaseAndCanBeRenewed() {
        Staff staff = Api.staff(Role.MANAGER);
        SetUp setUp = setUp(staff);
        String typed = " " + setUp.recoveryCodes().get(3).toUpperCase().replace("-", " ") + " ";
        Response signedIn = enterCode(challenge(staff.email()), typed);
        signedIn.then().statusCode(200);
        String token = signedIn.getCookie("mysay_session");
        Api.as(token).get("/api/account/second-factor").then().statusCode(200)
                .body("recoveryCodesLeft", org.hamcrest.Matchers.equalTo(9));
        problem(enterCode(challenge(staff.email()), setUp.recoveryCodes().get(3)), 401, "second-factor-failed");
        AuditEvent used = Api.inSession(() -> AuditEvent.<AuditEvent>find("actorId = ?1 and action = ?2",
                staff.id(), AuditAction.RECOVERY_CODE_USED).firstResult());
        assertEquals("9 left", used.detail);

        // New codes need a current authenticator code; then the old ones stop working.
        invalid(Api.as(token).body(Map.of("code", "not-a-code")).post("/api/account/recovery-codes"), "code");
        List<String> renewed = Api.as(token).body(Map.of("code", code(setUp.secret(), 1)))
                .post("/api/account/recovery-codes").then().statusCode(200).extract().path("$");
        assertEquals(10, renewed.size());
        problem(enterCode(challenge(staff.email()), setUp.recoveryCodes().get(4)), 401, "second-factor-failed");
        enterCode(challenge(staff.email()), renewed.get(0)).then().statusCode(200);
    }

    @Test
    void theSecretAndTheRecoveryCodesAreNotStoredInTheClear() {
        Staff staff = Api.staff(Role.SOCIAL_WORKER);
        SetUp setUp = setUp(staff);
        String row = Api.inSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select encode(totp_secret_enc, 'hex') || '|' || coalesce(encode(totp_pending_enc, 'hex'), '') "
                        + "from staff_account where id = :id", String.class)
                .setParameter("id", staff.id()).getSingleResult()));
        String hexSecret = HexFormat.of().formatHex(setUp.secret().getBytes(StandardCharsets.US_ASCII));
        assertFalse(row.contains(hexSecret), "the secret is encrypted");
        assertTrue(row.length() > 80, row);
        String codes = Api.inSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select string_agg(encode(code_hash, 'hex'), ',') from staff_recovery_code where account_id = :id",
                String.class).setParameter("id", staff.id()).getSingleResult()));
        for (String code : setUp.recoveryCodes()) {
            String plain = RecoveryCodes.normalised(code);
            assertFalse(codes.contains(HexFormat.of().formatHex(plain.getBytes(StandardCharsets.US_ASCII))));
        }
        // Nothing secret comes back in the status.
        String status = Api.as(setUp.token()).get("/api/account/second-factor").asString();
        assertFalse(status.contains(setUp.secret()), status);
    }

    @Test
    void changingThePasswordEndsOtherSessions() {
        Staff staff = Api.staff(Role.SOCIAL_WORKER);
        String otherBrowser = Api.signIn(staff.email());
        invalid(Api.as(staff).body(Map.of("currentPassword", "wrong password here", "newPassword", "a whole new password"))
                .post("/api/account/password"), "currentPassword");
        invalid(Api.as(staff).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "short"))
                .post("/api/account/password"), "newPassword");
        invalid(Api.as(staff).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", Api.PASSWORD))
                .post("/api/account/password"), "newPassword");
        Response changed = Api.as(staff)
                .body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "a whole new password"))
                .post("/api/account/password");
        changed.then().statusCode(200);
        Api.as(otherBrowser).get("/api/auth/me").then().statusCode(401);
        Api.as(staff).get("/api/auth/me").then().statusCode(401);
        Api.as(changed.getCookie("mysay_session")).get("/api/auth/me").then().statusCode(200);
        problem(signInWithPassword(staff.email()), 401, "sign-in-failed");
        given().contentType(ContentType.JSON).body(Map.of("email", staff.email(), "password", "a whole new password"))
                .post("/api/auth/sign-in").then().statusCode(200);
    }

    @Test
    void aManagerDisablesEnablesAndResetsALostSecondFactor() {
        Staff manager = Api.staff(Role.MANAGER);
        Staff worker = Api.staff(Role.SOCIAL_WORKER);
        SetUp setUp = setUp(worker);

        List<Map<String, Object>> listed = Api.as(manager).get("/api/staff/accounts").then().statusCode(200)
                .extract().path("findAll { it.id == '" + worker.id() + "' }");
        assertEquals(1, listed.size());
        assertEquals(true, listed.get(0).get("secondFactorSetUp"));
        assertEquals(Set.of("id", "email", "displayName", "role", "enabled", "secondFactorSetUp", "passwordSet"),
                listed.get(0).keySet());
        for (Role other : List.of(Role.SOCIAL_WORKER, Role.CHAIR, Role.ADVOCATE)) {
            Staff someone = Api.staff(other);
            Api.as(someone).get("/api/staff/accounts").then().statusCode(403);
            Api.as(someone).body(Map.of("enabled", false)).put("/api/staff/" + worker.id() + "/enabled")
                    .then().statusCode(403);
            Api.as(someone).body(Map.of("password", Api.PASSWORD)).delete("/api/staff/" + worker.id()
                    + "/second-factor").then().statusCode(403);
        }

        // Lost phone and codes: the manager, confirming it is them, resets; every session ends; the worker sets a new
        // password through the e-mailed link, and the next sign-in needs no code.
        int mails = PasswordLinks.mailsTo(greenMail, worker.email()).size();
        Api.as(manager).body(Map.of("password", Api.PASSWORD)).delete("/api/staff/" + worker.id() + "/second-factor")
                .then().statusCode(204);
        Api.as(setUp.token()).get("/api/auth/me").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("token", PasswordLinks.awaitToken(greenMail, worker.email(),
                mails), "password", Api.PASSWORD + " again")).post("/api/auth/password").then().statusCode(204);
        String fresh = given().contentType(ContentType.JSON).body(Map.of("email", worker.email(), "password",
                Api.PASSWORD + " again")).post("/api/auth/sign-in").then().statusCode(200).extract()
                .cookie("mysay_session");
        assertNotNull(fresh);
        Api.as(manager).body(Map.of("password", Api.PASSWORD)).delete("/api/staff/" + UUID.randomUUID()
                + "/second-factor").then().statusCode(404);

        // Disabled: the session ends at once and the password no longer works; enabled again: it does.
        Api.as(manager).body(Map.of("enabled", false)).put("/api/staff/" + worker.id() + "/enabled")
                .then().statusCode(200).body("enabled", org.hamcrest.Matchers.equalTo(false));
        Api.as(fresh).get("/api/auth/me").then().statusCode(401);
        problem(signInWithPassword(worker.email()), 401, "sign-in-failed");
        Api.as(manager).body(Map.of("enabled", true)).put("/api/staff/" + worker.id() + "/enabled")
                .then().statusCode(200).body("enabled", org.hamcrest.Matchers.equalTo(true));
        given().contentType(ContentType.JSON).body(Map.of("email", worker.email(), "password", Api.PASSWORD
                + " again")).post("/api/auth/sign-in").then().statusCode(200);
        Api.as(fresh).get("/api/auth/me").then().statusCode(401);

        problem(Api.as(manager).body(Map.of("enabled", false)).put("/api/staff/" + manager.id() + "/enabled"), 409,
                "conflict");
        invalid(Api.as(manager).body(Map.of()).put("/api/staff/" + worker.id() + "/enabled"), "enabled");
        List<AuditAction> audited = Api.inSession(() -> AuditEvent.<AuditEvent>list(
                "actorId = ?1 and action in ?2 order by id", manager.id(), List.of(AuditAction.STAFF_SIGN_IN_RESET,
                        AuditAction.STAFF_ACCOUNT_DISABLED, AuditAction.STAFF_ACCOUNT_ENABLED)))
                .stream().map(e -> e.action).toList();
        assertEquals(List.of(AuditAction.STAFF_SIGN_IN_RESET, AuditAction.STAFF_ACCOUNT_DISABLED,
                AuditAction.STAFF_ACCOUNT_ENABLED), audited);
    }

    @Test
    void turningItOffNeedsThePasswordWhereItIsNotRequired() {
        Staff staff = Api.staff(Role.CHAIR);
        SetUp setUp = setUp(staff);
        invalid(Api.as(setUp.token()).body(Map.of("password", "not my password at all"))
                .post("/api/account/second-factor/removal"), "password");
        String token = Api.as(setUp.token()).body(Map.of("password", Api.PASSWORD))
                .post("/api/account/second-factor/removal").then().statusCode(200).extract().cookie("mysay_session");
        assertNotEquals(setUp.token(), token);
        Api.as(token).get("/api/account/second-factor").then().statusCode(200)
                .body("setUp", org.hamcrest.Matchers.equalTo(false))
                .body("required", org.hamcrest.Matchers.equalTo(false));
        signInWithPassword(staff.email()).then().statusCode(200).cookie("mysay_session", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void totpMatchesTheRfc6238TestVector() {
        // RFC 6238 appendix B, SHA-1: the ASCII secret "12345678901234567890" (base32 below) at 59 s gives 94287082;
        // six digits are its last six.
        String secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assertEquals("287082", Totp.codeAt(secret, Totp.stepAt(59)));
        assertEquals("081804", Totp.codeAt(secret, Totp.stepAt(1111111109)));
        assertTrue(Totp.matchingStep(secret, "287082", 59 + 30, null).isPresent(), "one step late is fine");
        assertTrue(Totp.matchingStep(secret, "287082", 59 + 60, null).isEmpty(), "two steps late is not");
        assertTrue(Totp.matchingStep(secret, "287082", 59, Totp.stepAt(59)).isEmpty(), "a used step is not");
        assertTrue(Totp.matchingStep(secret, "28708", 59, null).isEmpty());
    }
}
