package app.mysay.security;

import static app.mysay.support.Problems.problem;
import static app.mysay.support.Problems.withoutRequestId;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.mysay.accounts.StaffAccount;
import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditEvent;
import app.mysay.support.Api;
import app.mysay.support.Waiting;
import app.mysay.support.Api.Staff;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Sign-in limits, with low limits: staff 3 per e-mail address and 8 per client address, redemption 4 per address,
 * PIN 4 per device and 6 per address. Every request here comes from 127.0.0.1, so the counters are emptied before each
 * test (and after setting a situation up, which signs in too).
 */
@QuarkusTest
@TestProfile(SignInLimitsTest.LowLimits.class)
class SignInLimitsTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mysay.sign-in-limits.staff-per-account", "3",
                    "mysay.sign-in-limits.staff-per-address", "8",
                    "mysay.sign-in-limits.redeem-per-address", "4",
                    "mysay.sign-in-limits.pin-per-device", "4",
                    "mysay.sign-in-limits.pin-per-address", "6");
        }
    }

    static final String WRONG = "not the right password at all";

    @Inject
    SignInLimits limits;

    @BeforeEach
    void noCounts() {
        Waiting.awayFromASignInWindowsEdge();
        sql("delete from sign_in_limit");
    }


    static Response signIn(String email, String password) {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).post("/api/auth/sign-in");
    }

    /** A 429 problem+json with a Retry-After no longer than the window; no session handed out. */
    static void assertLimited(Response response, int windowSeconds) {
        problem(response, 429, "too-many-attempts");
        String retryAfter = response.header("Retry-After");
        assertNotNull(retryAfter, "429 without Retry-After");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds >= 1 && seconds <= windowSeconds, "Retry-After " + seconds);
        long minutes = (seconds + 59) / 60;
        String when = minutes <= 1 ? "Try again in a minute." : "Try again in " + minutes + " minutes.";
        assertTrue(response.<String>path("detail").contains(when), "says when, in words: " + response.asString());
        assertNull(response.getCookie(TokenVerification.SESSION_COOKIE), "a refused attempt sets no session");
        assertFalse(response.asString().contains("token"), response.asString());
    }

    // ---- staff ----

    @Test
    void bruteForceOnOneAccountIsStoppedAndTheRightPasswordIsRefusedToo() {
        Staff staff = Api.staff(Role.SOCIAL_WORKER);
        noCounts();
        long limitedBefore = limitedEvents();
        for (int i = 0; i < 3; i++) {
            problem(signIn(staff.email(), WRONG + i), 401, "sign-in-failed");
        }
        assertLimited(signIn(staff.email(), WRONG), 15 * 60);
        // During the lock-out, the right password does not get in either, and is answered the same way.
        Response right = signIn(staff.email(), Api.PASSWORD);
        assertLimited(right, 15 * 60);
        assertEquals(1, limitedEvents() - limitedBefore, "the first refusal is audited, once per window");
        // Another account from the same address is not affected by this account's limit.
        Staff other = Api.staff(Role.CHAIR);
        assertNotNull(other.token());
    }

    /** Only failures count: a colleague signing in all day is never "too many tries", and a success clears them. */
    @Test
    void goodSignInsAreNotCountedAndClearTheAccountsFailures() {
        Staff staff = Api.staff(Role.SOCIAL_WORKER);
        noCounts();
        for (int i = 0; i < 5; i++) {
            Api.signIn(staff.email());
        }
        for (int i = 0; i < 2; i++) {
            problem(signIn(staff.email(), WRONG + i), 401, "sign-in-failed");
        }
        Api.signIn(staff.email());
        for (int i = 0; i < 3; i++) {
            problem(signIn(staff.email(), WRONG + i), 401, "sign-in-failed");
        }
        assertLimited(signIn(staff.email(), WRONG), 15 * 60);
    }

    @Test
    void anUnknownEmailIsLimitedExactlyLikeAKnownOne() {
        Staff staff = Api.staff(Role.SOCIAL_WORKER);
        noCounts();
        String unknown = "nobody-" + UUID.randomUUID() + "@test.mysay.example";
        List<String> known = new ArrayList<>();
        List<String> nobody = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Response k = signIn(staff.email(), WRONG);
            Response u = signIn(unknown, WRONG);
            known.add(k.statusCode() + " " + withoutRequestId(k));
            nobody.add(u.statusCode() + " " + withoutRequestId(u));
        }
        assertEquals(known, nobody, "the limits must not tell which e-mail addresses have accounts");
        assertTrue(known.get(3).startsWith("429"), known.toString());
    }

    @Test
    void unknownEmailWrongPasswordAndDisabledAccountTakeAboutAsLong() {
        Staff staff = Api.staff(Role.SOCIAL_WORKER);
        Staff disabled = Api.staff(Role.ADVOCATE);
        Api.inTransaction(() -> StaffAccount.<StaffAccount>findById(disabled.id()).invoke(a -> a.enabled = false));
        String unknown = "nobody-" + UUID.randomUUID() + "@test.mysay.example";
        long[] wrong = new long[2];
        long[] missing = new long[2];
        long[] off = new long[2];
        for (int i = 0; i < 2; i++) {
            noCounts();
            wrong[i] = timed(staff.email());
            missing[i] = timed(unknown);
            off[i] = timed(disabled.email());
        }
        long w = Math.min(wrong[0], wrong[1]);
        long m = Math.min(missing[0], missing[1]);
        long d = Math.min(off[0], off[1]);
        // Argon2id is checked every time (the decoy hash when there is no usable account): the same order of time.
        assertTrue(m * 3 >= w && w * 3 >= m, "unknown " + m + " ms vs wrong password " + w + " ms");
        assertTrue(d * 3 >= w && w * 3 >= d, "disabled " + d + " ms vs wrong password " + w + " ms");
    }

    private static long timed(String email) {
        long start = System.nanoTime();
        signIn(email, WRONG).then().statusCode(401);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void manyAccountsFromOneAddressAreStoppedByTheAddressLimit() {
        List<Staff> staff = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            staff.add(Api.staff(Role.SOCIAL_WORKER));
        }
        noCounts();
        // Two tries on each of four accounts: under each account's limit of 3, and eight in all from this address.
        for (Staff s : staff.subList(0, 4)) {
            for (int i = 0; i < 2; i++) {
                problem(signIn(s.email(), WRONG), 401, "sign-in-failed");
            }
        }
        assertLimited(signIn(staff.get(4).email(), Api.PASSWORD), 15 * 60);
        assertLimited(signIn("nobody-" + UUID.randomUUID() + "@test.mysay.example", WRONG), 15 * 60);
    }

    // ---- the limits are in the database ----

    @Test
    void theCountsLiveInTheDatabaseWithoutAnyEmailAddress() {
        Staff staff = Api.staff(Role.SOCIAL_WORKER);
        noCounts();
        for (int i = 0; i < 3; i++) {
            problem(signIn(staff.email(), WRONG), 401, "sign-in-failed");
        }
        assertEquals(3L, count("select attempts from sign_in_limit where kind = 'STAFF_ACCOUNT'"));
        assertEquals(3L, count("select attempts from sign_in_limit where kind = 'STAFF_ADDRESS'"));
        assertEquals(0L, count("select count(*) from sign_in_limit l where position('" + staff.email()
                + "' in cast(l as text)) > 0 or position('127.0.0.1' in cast(l as text)) > 0"),
                "neither the e-mail nor the client address is stored");

        // Only the rows count: emptied (as after the window), the account may try again ...
        sql("update sign_in_limit set attempts = 0");
        Api.signIn(staff.email());
        // ... and raised by hand (as by another instance), the address is refused at once.
        sql("update sign_in_limit set attempts = 1000 where kind = 'STAFF_ADDRESS'");
        assertLimited(signIn("nobody-" + UUID.randomUUID() + "@test.mysay.example", Api.PASSWORD), 15 * 60);
    }

    @Test
    void theCleanUpDeletesOnlyWindowsThatHaveEnded() throws Exception {
        sql("insert into sign_in_limit (kind, key_hash, window_start, attempts) "
                + "values ('STAFF_ADDRESS', '\\x01', now() - interval '2 days', 7)");
        problem(signIn("nobody-" + UUID.randomUUID() + "@test.mysay.example", WRONG), 401, "sign-in-failed");
        limits.cleanUp().await().atMost(java.time.Duration.ofSeconds(10));
        assertEquals(0L, count("select count(*) from sign_in_limit where window_start < now() - interval '1 day'"));
        assertEquals(2L, count("select count(*) from sign_in_limit"), "the current windows stay");
    }

    // ---- children ----

    @Test
    void pinGuessingAcrossDevicesFromOneAddressIsStopped() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID child = Api.child(socialWorker, "Kid" + i, null, null);
            UUID conference = Api.conference(socialWorker, chair, List.of(child));
            noCounts();
            devices.add(Api.childSignedIn(socialWorker, conference, child).deviceSecret());
        }
        noCounts();
        for (String device : devices) {
            for (int i = 0; i < 2; i++) {
                problem(Api.childSignIn(device, "9513"), 401, "pin-not-right");
            }
        }
        // Six wrong PINs from this address, none of the devices locked: the seventh, even the right one, is refused.
        assertLimited(Api.childSignIn(devices.get(0), "2580"), 15 * 60);
        assertLimited(Api.childSignIn("an-unknown-device-" + UUID.randomUUID(), "2580"), 15 * 60);
        assertLimited(Api.setPin("an-unknown-device-" + UUID.randomUUID(), "4071"), 15 * 60);
        assertEquals(0L, count("select count(*) from child_device d join child c on c.id = d.child_id "
                + "where c.social_worker_id = '" + socialWorker.id() + "' and d.locked_at is not null"),
                "the address limit stopped the guessing before any lock");
        // Once the window is over, the child gets in with the right PIN.
        noCounts();
        Api.childSignIn(devices.get(0), "2580").then().statusCode(200);
    }

    @Test
    void rightPinsAndGoodRedemptionsAreNotCounted() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Sol", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        noCounts();
        String device = null;
        for (int i = 0; i < 6; i++) {
            device = Api.redeem(Api.invite(socialWorker, conference, child));
        }
        Api.setPin(device, "2580").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            problem(Api.childSignIn(device, "9513"), 401, "pin-not-right");
        }
        // The right PIN clears this device's wrong ones: the child is never told "too many tries" for getting in.
        for (int i = 0; i < 8; i++) {
            Api.childSignIn(device, "2580").then().statusCode(200);
        }
    }

    @Test
    void pinGuessingOnOneDeviceIsStoppedPerDevice() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Ash", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        String device = Api.redeem(Api.invite(socialWorker, conference, child));
        noCounts();
        for (String easy : List.of("1111", "2222", "1234", "4321")) {
            problem(Api.setPin(device, easy), 400, "validation");
        }
        assertLimited(Api.setPin(device, "2580"), 15 * 60);
    }

    @Test
    void redemptionGuessingIsStopped() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Rue", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        String code = Api.invite(socialWorker, conference, child);
        noCounts();
        for (int i = 0; i < 4; i++) {
            problem(redeem("ABCD-EFGH-JKMN-PQR" + i + "-TVWX"), 400, "invitation-not-valid");
        }
        Response refused = redeem(code);
        assertLimited(refused, 3600);
        assertNull(refused.getCookie("mysay_device"), "no device bound while limited");
        assertEquals(0L, count("select count(*) from child_device where child_id = '" + child + "'"));
        noCounts();
        redeem(code).then().statusCode(200);
    }

    static Response redeem(String code) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/child/redeem");
    }

    // ---- plumbing ----

    static long limitedEvents() {
        return Api.inSession(() -> AuditEvent.count("action", AuditAction.SIGN_IN_LIMITED));
    }

    static void sql(String statement) {
        Api.inTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(statement).executeUpdate()));
    }

    static long count(String sql) {
        return Api.inSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select cast((" + sql + ") as bigint)", Long.class).getSingleResult()));
    }
}
