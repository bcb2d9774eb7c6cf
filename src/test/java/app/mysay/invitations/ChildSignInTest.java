package app.mysay.invitations;

import static app.mysay.support.Api.as;
import static app.mysay.support.Problems.invalid;
import static app.mysay.support.Problems.problem;
import static app.mysay.support.Problems.withoutRequestId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditEvent;
import app.mysay.security.CrossSiteRequestGuard;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

/** How a child gets in: a one-time invitation code binds a device, the child chooses a PIN, and signs in with it. */
@QuarkusTest
class ChildSignInTest {

    static final String PIN = "2580";

    /** A social worker, a chair, a child of the social worker's and a conference about the child. */
    record Setting(Staff socialWorker, Staff chair, UUID childId, UUID conferenceId) {
        static Setting create() {
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
            Staff chair = Api.staff(Role.CHAIR);
            UUID child = Api.child(socialWorker, "Sam", Api.family(socialWorker), null);
            UUID conference = Api.conference(socialWorker, chair, List.of(child));
            return new Setting(socialWorker, chair, child, conference);
        }

        String invite() {
            return Api.invite(socialWorker, conferenceId, childId);
        }
    }

    static Response redeemResponse(String code) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/child/redeem");
    }

    // ---- invitations ----

    @Test
    void anInvitationCodeRedeemsOnceOnly() {
        Setting s = Setting.create();
        String code = s.invite();

        Response first = redeemResponse(code);
        first.then().statusCode(200).body("knownAs", equalTo("Sam")).body("pinNeeded", equalTo(true));
        assertNotNull(first.getCookie("mysay_device"));

        Response second = redeemResponse(code);
        problem(second, 400, "invitation-not-valid");
        assertEquals(null, second.getCookie("mysay_device"), "no device is bound by a refused code");
        assertEquals(1L, count("select count(*) from child_device where child_id = '" + s.childId() + "'"),
                "only the first redeeming bound a device");
    }

    @Test
    void wrongMalformedExpiredAndUsedCodesAllGiveExactlyTheSameAnswer() {
        Setting s = Setting.create();
        String used = s.invite();
        Api.redeem(used);
        Setting other = Setting.create();
        String expired = other.invite();
        Api.inTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("update invitation set expires_at = now() - interval '1 minute' "
                        + "where child_id = :child and conference_id = :conference")
                .setParameter("child", other.childId()).setParameter("conference", other.conferenceId())
                .executeUpdate()));

        // Well-formed, but no such code: same alphabet and length as a real one.
        String wrong = "ABCD-EFGH-JKMN-PQRS-TVWX";
        String malformed = "this is not a code!";

        Response wrongAnswer = redeemResponse(wrong);
        problem(wrongAnswer, 400, "invitation-not-valid");
        String expected = withoutRequestId(wrongAnswer);
        for (String code : List.of(malformed, expired, used)) {
            Response answer = redeemResponse(code);
            answer.then().statusCode(400);
            assertEquals(wrongAnswer.getContentType(), answer.getContentType(), code);
            assertEquals(expected, withoutRequestId(answer), "the answer for '" + code + "' must not differ from a wrong code's");
        }
        // The expired code is refused for good, not just reported differently.
        assertEquals(0L, count("select count(*) from child_device where child_id = '" + other.childId() + "'"));
    }

    @Test
    void aUsedCodeOpenedAgainOnTheDeviceItSetUpPointsToThePinAndAnywhereElseItJustDoesNotWork() {
        Setting s = Setting.create();
        String code = s.invite();
        String device = Api.redeem(code);
        Api.setPin(device, PIN).then().statusCode(200);
        problem(redeemOn(device, code), 409, "device-already-set-up");

        Setting other = Setting.create();
        String othersDevice = Api.redeem(other.invite());
        Response elsewhere = redeemOn(othersDevice, code);
        problem(elsewhere, 400, "invitation-not-valid");
        assertEquals(withoutRequestId(redeemResponse("ABCD-EFGH-JKMN-PQRS-TVWX")), withoutRequestId(elsewhere),
                "a device of another child learns nothing about the code");
        problem(redeemOn("an-unknown-device-secret-" + UUID.randomUUID(), code), 400, "invitation-not-valid");
        assertEquals(1L, count("select count(*) from child_device where child_id = '" + s.childId() + "'"));
    }

    static Response redeemOn(String device, String code) {
        return given().contentType(ContentType.JSON).cookie("mysay_device", device)
                .header(CrossSiteRequestGuard.REQUEST_HEADER, "1").body(Map.of("code", code)).post("/api/child/redeem");
    }

    @Test
    void theCodeIsStoredOnlyAsItsDigest() throws Exception {
        Setting s = Setting.create();
        String code = s.invite();
        String canonical = code.replace("-", "");

        byte[] stored = Api.inSession(() -> Invitation.<Invitation>find("childId = ?1 and conferenceId = ?2",
                s.childId(), s.conferenceId()).singleResult().map(i -> i.codeHash));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(digest, stored, "code_hash is the SHA-256 of the canonical code");

        // Nothing in any column of the row holds the code itself.
        String row = Api.inSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select cast(i as text) from invitation i where child_id = :child", String.class)
                .setParameter("child", s.childId()).getSingleResult()));
        assertFalse(row.contains(code), row);
        assertFalse(row.contains(canonical), row);
        assertFalse(row.toLowerCase().contains(canonical.toLowerCase()), row);
        assertEquals(0L, count("select count(*) from invitation i where position('" + canonical
                + "' in upper(cast(i as text))) > 0"), "the plain code is nowhere in the invitation table");
    }

    @Test
    void reInvitingMakesTheOldUnusedCodeStopWorking() {
        Setting s = Setting.create();
        String old = s.invite();
        String fresh = s.invite();

        problem(redeemResponse(old), 400, "invitation-not-valid");
        redeemResponse(fresh).then().statusCode(200).body("knownAs", equalTo("Sam"));

        as(s.socialWorker()).get("/api/conferences/" + s.conferenceId() + "/children/" + s.childId() + "/invitations")
                .then().statusCode(200)
                .body("state", contains("REDEEMED", "REPLACED"));
    }

    @Test
    void theDeviceCookieIsHttpOnlySecureStrictAndOnlyForTheChildEndpoints() {
        Setting s = Setting.create();
        Response response = redeemResponse(s.invite());
        response.then().statusCode(200);

        Cookie device = response.getDetailedCookie("mysay_device");
        assertNotNull(device);
        assertTrue(device.getValue().length() >= 32, "a long random secret");
        assertTrue(device.isHttpOnly(), "HttpOnly");
        assertTrue(device.isSecured(), "Secure");
        assertTrue(device.hasSameSite(), "SameSite set");
        assertEquals("strict", device.getSameSite().toLowerCase());
        assertEquals("/api/child", device.getPath());
        String header = response.getHeaders().getValues("Set-Cookie").stream()
                .filter(h -> h.startsWith("mysay_device=")).findFirst().orElseThrow();
        assertTrue(header.matches("(?i).*;\\s*SameSite=Strict(;.*|$)"), header);
        assertTrue(header.matches("(?i).*;\\s*HttpOnly(;.*|$)"), header);
        assertTrue(header.matches("(?i).*;\\s*Secure(;.*|$)"), header);
    }

    // ---- choosing a PIN ----

    @Test
    void easyToGuessPinsAreRefused() {
        Setting s = Setting.create();
        String device = Api.redeem(s.invite());
        for (String easy : List.of("1111", "1234", "9876")) {
            invalid(Api.setPin(device, easy), "pin");
        }
        // None of the refusals used up the device: a good PIN is still accepted.
        Api.setPin(device, PIN).then().statusCode(200).cookie("mysay_session", notNullValue());
    }

    @Test
    void aPinMustBeFourToEightDigits() {
        Setting s = Setting.create();
        String device = Api.redeem(s.invite());
        invalid(Api.setPin(device, "12a4"), "pin");
        invalid(Api.setPin(device, "abcd"), "pin");
        invalid(Api.setPin(device, "258"), "pin");
        Api.setPin(device, PIN).then().statusCode(200);
    }

    @Test
    void aPinCannotBeSetTwice() {
        Setting s = Setting.create();
        String device = Api.redeem(s.invite());
        Api.setPin(device, PIN).then().statusCode(200);
        problem(Api.setPin(device, "7391"), 409, "pin-already-set");
        // The first PIN still works and the second does not.
        Api.childSignIn(device, PIN).then().statusCode(200);
        problem(Api.childSignIn(device, "7391"), 401, "pin-not-right");
    }

    // ---- signing in ----

    @Test
    void signingInWithTheRightPinGivesAUsableToken() {
        Setting s = Setting.create();
        String device = Api.redeem(s.invite());
        Api.setPin(device, PIN).then().statusCode(200);

        String token = Api.childSignIn(device, PIN).then().statusCode(200)
                .body("me.id", equalTo(s.childId().toString()))
                .body("me.role", equalTo("CHILD"))
                .extract().cookie("mysay_session");
        as(token).get("/api/child/me").then().statusCode(200)
                .body("childId", equalTo(s.childId().toString()))
                .body("knownAs", equalTo("Sam"))
                .body("conferences[0].conferenceId", equalTo(s.conferenceId().toString()));
    }

    @Test
    void signingInWithoutTheDeviceCookieOrWithAnUnknownDeviceFails() {
        Setting s = Setting.create();
        String device = Api.redeem(s.invite());
        Api.setPin(device, PIN).then().statusCode(200);

        Response noCookie = given().contentType(ContentType.JSON).body(Map.of("pin", PIN)).post("/api/child/sign-in");
        problem(noCookie, 401, "device-not-recognised").body("token", equalTo(null));
        problem(Api.childSignIn("an-unknown-device-secret-" + UUID.randomUUID(), PIN), 401, "device-not-recognised")
                .body("token", equalTo(null));
    }

    @Test
    void fiveWrongPinsLockTheDeviceUntilTheSocialWorkerResetsIt() {
        Setting s = Setting.create();
        String device = Api.redeem(s.invite());
        Api.setPin(device, PIN).then().statusCode(200);

        for (int attemptsLeft = 4; attemptsLeft >= 1; attemptsLeft--) {
            problem(Api.childSignIn(device, "9513"), 401, "pin-not-right").body("attemptsLeft", equalTo(attemptsLeft));
        }
        problem(Api.childSignIn(device, "9513"), 423, "locked");
        // Locked means locked: the right PIN does not get in either.
        problem(Api.childSignIn(device, PIN), 423, "locked").body("token", equalTo(null));
        problem(Api.childSignIn(device, PIN), 423, "locked");

        List<AuditEvent> audit = Api.inSession(() -> AuditEvent.<AuditEvent>list("childId = ?1 order by id", s.childId()));
        List<AuditAction> actions = audit.stream().map(e -> e.action).toList();
        assertEquals(4, actions.stream().filter(a -> a == AuditAction.CHILD_PIN_FAILED).count(), actions.toString());
        assertEquals(1, actions.stream().filter(a -> a == AuditAction.CHILD_LOCKED).count(), actions.toString());
        assertTrue(actions.lastIndexOf(AuditAction.CHILD_PIN_FAILED) < actions.indexOf(AuditAction.CHILD_LOCKED),
                actions.toString());
        assertTrue(audit.stream().filter(e -> e.action == AuditAction.CHILD_PIN_FAILED
                || e.action == AuditAction.CHILD_LOCKED).allMatch(e -> "CHILD".equals(e.actorRole)
                        && s.childId().equals(e.actorId)));

        // Another social worker cannot unlock this child, and learns nothing about them.
        Staff stranger = Api.staff(Role.SOCIAL_WORKER);
        problem(Api.resetPin(stranger, s.childId(), device), 404, "not-found");
        problem(Api.childSignIn(device, PIN), 423, "locked");

        // The child's own social worker unlocks it; the child chooses a new PIN on the same device.
        Api.resetPin(s.socialWorker(), s.childId(), device).then().statusCode(200)
                .body("name", equalTo("Device 1")).body("state", equalTo("PIN_NOT_SET"));
        problem(Api.childSignIn(device, PIN), 409, "pin-not-set");
        String token = Api.setPin(device, "4071").then().statusCode(200).extract().cookie("mysay_session");
        as(token).get("/api/child/me").then().statusCode(200).body("childId", equalTo(s.childId().toString()));
        String again = Api.childSignIn(device, "4071").then().statusCode(200).extract().cookie("mysay_session");
        as(again).get("/api/child/me").then().statusCode(200);
        // The old PIN is gone, and the count of wrong tries started again.
        problem(Api.childSignIn(device, PIN), 401, "pin-not-right").body("attemptsLeft", equalTo(4));

        List<AuditAction> after = Api.inSession(() -> AuditEvent.<AuditEvent>list("childId = ?1 order by id",
                s.childId())).stream().map(e -> e.action).toList();
        assertTrue(after.contains(AuditAction.CHILD_PIN_RESET), after.toString());
    }

    @Test
    void theChildsSessionCookieEndsWithTheBrowser() {
        Setting s = Setting.create();
        String device = Api.redeem(s.invite());
        Response chosen = Api.setPin(device, PIN);
        Response signedIn = Api.childSignIn(device, PIN);
        Response refreshed = as(signedIn.getCookie("mysay_session")).post("/api/auth/refresh");
        for (Response response : List.of(chosen, signedIn, refreshed)) {
            response.then().statusCode(200);
            String header = response.getHeaders().getValues("Set-Cookie").stream()
                    .filter(h -> h.startsWith("mysay_session=")).findFirst().orElseThrow();
            assertFalse(header.matches("(?i).*;\\s*(Max-Age|Expires)=.*"),
                    "a session cookie, gone when the browser closes: " + header);
            assertTrue(header.matches("(?i).*;\\s*HttpOnly(;.*|$)"), header);
            assertTrue(header.matches("(?i).*;\\s*SameSite=Strict(;.*|$)"), header);
        }
    }

    @Test
    void theDeviceSaysWhereItStandsAndNothingAboutTheChild() {
        Setting s = Setting.create();
        String device = Api.redeem(s.invite());
        deviceState(device).then().statusCode(200).body("state", equalTo("PIN_NOT_SET"))
                .body(not(org.hamcrest.Matchers.containsString("Sam")));
        Api.setPin(device, PIN).then().statusCode(200);
        deviceState(device).then().statusCode(200).body("state", equalTo("PIN_SET"));
        for (int i = 0; i < 5; i++) {
            Api.childSignIn(device, "9513");
        }
        deviceState(device).then().statusCode(200).body("state", equalTo("LOCKED"));
        Api.resetPin(s.socialWorker(), s.childId(), device).then().statusCode(200);
        deviceState(device).then().statusCode(200).body("state", equalTo("PIN_NOT_SET"));
        Api.inTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("update child_device set pin_setup_until = now() - interval '1 minute' "
                        + "where child_id = :child").setParameter("child", s.childId()).executeUpdate()));
        deviceState(device).then().statusCode(200).body("state", equalTo("SET_UP_EXPIRED"));

        problem(given().get("/api/child/device"), 401, "device-not-recognised");
        problem(deviceState("an-unknown-device-secret-" + UUID.randomUUID()), 401, "device-not-recognised");
    }

    @Test
    void theDraftSecretIsOnlyForTheChildSignedInWithThePinAndAPinResetReplacesIt() {
        Setting s = Setting.create();
        String device = Api.redeem(s.invite());
        problem(given().get("/api/child/device/key"), 401, "sign-in-required");
        problem(given().cookie("mysay_device", device).get("/api/child/device/key"), 401, "sign-in-required");

        String token = Api.setPin(device, PIN).then().statusCode(200).extract().cookie("mysay_session");
        String key = as(token).get("/api/child/device/key").then().statusCode(200)
                .header("Cache-Control", "no-store").extract().path("key");
        assertEquals(43, key.length(), "256 random bits, base64url");
        String again = Api.childSignIn(device, PIN).then().statusCode(200).extract().cookie("mysay_session");
        assertEquals(key, as(again).get("/api/child/device/key").then().statusCode(200).extract().path("key"),
                "the same device keeps its secret from one sign-in to the next");
        as(s.socialWorker()).get("/api/child/device/key").then().statusCode(403);
        byte[] stored = Api.inSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select draft_key_enc from child_device where child_id = :child", byte[].class)
                .setParameter("child", s.childId()).getSingleResult()));
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(key), "kept encrypted");

        Api.resetPin(s.socialWorker(), s.childId(), device).then().statusCode(200);
        problem(as(again).get("/api/child/device/key"), 401, "sign-in-required");
        String afterReset = Api.setPin(device, "4071").then().statusCode(200).extract().cookie("mysay_session");
        String newKey = as(afterReset).get("/api/child/device/key").then().statusCode(200).extract().path("key");
        assertFalse(key.equals(newKey), "a PIN reset gives the device a new secret");
    }

    static Response deviceState(String device) {
        return given().cookie("mysay_device", device).get("/api/child/device");
    }

    @Test
    void aSignInTokenFromTheUnlockedDeviceIsForThatChildOnly() {
        Setting s = Setting.create();
        Setting other = Setting.create();
        String device = Api.redeem(s.invite());
        String token = Api.setPin(device, PIN).then().statusCode(200).extract().cookie("mysay_session");
        problem(as(token).get("/api/child/conferences/" + other.conferenceId() + "/views"), 404, "not-found");
    }

    static long count(String sql) {
        return Api.inSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(sql, Long.class).getSingleResult()));
    }
}
