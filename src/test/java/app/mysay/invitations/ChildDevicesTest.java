package app.mysay.invitations;

import static app.mysay.support.Api.as;
import static app.mysay.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditEvent;
import app.mysay.security.CrossSiteRequestGuard;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A child's devices, one by one: resetting the PIN of the one the child forgot it on leaves the others as they were
 * (a shared family phone is not reopened), and a lost one is removed and stops working at once. Only the child's
 * social worker may see or change them.
 */
@QuarkusTest
class ChildDevicesTest {

    static final String PIN = ChildSignInTest.PIN;
    static final String ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 14; SM-A546B Build/UP1A.231005.007) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36";
    static final String IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1";

    /** A social worker, a chair, a child of theirs (Rosa) and a conference about her. */
    record Setting(Staff socialWorker, Staff chair, UUID child, UUID conference) {
        static Setting create() {
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
            Staff chair = Api.staff(Role.CHAIR);
            UUID child = Api.child(socialWorker, "Rosa", null, null);
            UUID conference = Api.conference(socialWorker, chair, List.of(child));
            return new Setting(socialWorker, chair, child, conference);
        }

        ChildLogin signedInOn(String userAgent) {
            String device = redeem(Api.invite(socialWorker, conference, child), userAgent);
            String token = Api.setPin(device, PIN).then().statusCode(200).extract().cookie("mysay_session");
            return new ChildLogin(child, device, token);
        }

        String devices() {
            return "/api/children/" + child + "/devices";
        }

        String device(ChildLogin login) {
            return devices() + "/" + Api.deviceId(login.deviceSecret());
        }
    }

    @Test
    void resettingThePinOfOneDeviceLeavesTheChildsOtherDeviceAsItWas() {
        Setting s = Setting.create();
        ChildLogin phone = s.signedInOn(ANDROID_CHROME);
        ChildLogin familyPhone = s.signedInOn(IPHONE_SAFARI);
        String familyKey = as(familyPhone).get("/api/child/device/key").then().statusCode(200).extract().path("key");

        // Rosa forgot the PIN on her phone and locked it.
        for (int i = 0; i < 5; i++) {
            Api.childSignIn(phone.deviceSecret(), "0007");
        }
        Api.resetPin(s.socialWorker(), s.child(), phone.deviceSecret()).then().statusCode(200)
                .body("name", equalTo("Device 1")).body("state", equalTo("PIN_NOT_SET"))
                .body("newPinUntil", notNullValue());

        deviceState(phone.deviceSecret()).then().statusCode(200).body("state", equalTo("PIN_NOT_SET"));
        // The family phone still needs its own PIN: it is not open to whoever picks it up to choose a new one.
        deviceState(familyPhone.deviceSecret()).then().statusCode(200).body("state", equalTo("PIN_SET"));
        problem(Api.setPin(familyPhone.deviceSecret(), "7391"), 409, "pin-already-set");
        Api.childSignIn(familyPhone.deviceSecret(), PIN).then().statusCode(200);
        // Its session goes on, and the drafts kept on it still open.
        as(familyPhone).get("/api/child/me").then().statusCode(200);
        as(familyPhone).get("/api/child/device/key").then().statusCode(200).body("key", equalTo(familyKey));

        // Rosa chooses a new PIN on her phone, with her social worker beside her.
        as(phone).get("/api/child/me").then().statusCode(401);
        String token = Api.setPin(phone.deviceSecret(), "4071").then().statusCode(200).extract().cookie("mysay_session");
        as(token).get("/api/child/me").then().statusCode(200);

        AuditEvent reset = lastEvent(s.child(), AuditAction.CHILD_PIN_RESET);
        assertEquals(s.socialWorker().id(), reset.actorId);
        assertEquals("Device 1 (Chrome on Android)", reset.detail);
    }

    @Test
    void theSocialWorkerSeesEachDeviceByANeutralNameAndKindWithNothingThatIdentifiesIt() {
        Setting s = Setting.create();
        ChildLogin phone = s.signedInOn(ANDROID_CHROME);
        String unknown = redeem(Api.invite(s.socialWorker(), s.conference(), s.child()), null);

        Response list = as(s.socialWorker()).get(s.devices());
        list.then().statusCode(200)
                .body("childId", equalTo(s.child().toString()))
                .body("knownAs", equalTo("Rosa"))
                .body("devices.name", contains("Device 1", "Device 2"))
                .body("devices.kind", contains("Chrome on Android", null))
                .body("devices.state", contains("PIN_SET", "PIN_NOT_SET"))
                .body("devices[0].id", equalTo(Api.deviceId(phone.deviceSecret()).toString()))
                .body("devices[0].setUpAt", notNullValue())
                .body("devices[0].lastSignedInAt", notNullValue())
                .body("devices[0].newPinUntil", nullValue())
                .body("devices[1].id", equalTo(Api.deviceId(unknown).toString()))
                .body("devices[1].lastSignedInAt", nullValue())
                .body("devices[1].newPinUntil", notNullValue())
                .body("devices[0].removedAt", nullValue());
        // Neither the phone's model nor its versions, nor its secret: nothing that picks out one phone.
        for (String never : List.of("SM-A546B", "124.0", "Android 14", phone.deviceSecret(), unknown)) {
            list.then().body(not(containsString(never)));
        }

        AuditEvent looked = lastEvent(s.child(), AuditAction.CHILD_DEVICES_READ);
        assertEquals(s.socialWorker().id(), looked.actorId);
        assertEquals("2 device(s)", looked.detail);
    }

    @Test
    void aRemovedDeviceStopsWorkingAtOnceAndSaysSoPlainly() {
        Setting s = Setting.create();
        String code = Api.invite(s.socialWorker(), s.conference(), s.child());
        String lost = redeem(code, ANDROID_CHROME);
        String lostToken = Api.setPin(lost, PIN).then().statusCode(200).extract().cookie("mysay_session");
        as(lostToken).get("/api/child/device/key").then().statusCode(200);
        ChildLogin tablet = s.signedInOn(IPHONE_SAFARI);

        as(s.socialWorker()).delete(s.devices() + "/" + Api.deviceId(lost)).then().statusCode(204);

        // Its session ends at once: no views, no refresh, no key to the drafts kept on it.
        problem(as(lostToken).get("/api/child/me"), 401, "sign-in-required");
        as(lostToken).post("/api/auth/refresh").then().statusCode(401);
        problem(as(lostToken).get("/api/child/device/key"), 401, "sign-in-required");
        // Whatever is typed on it, it says plainly that it no longer opens MySay.
        deviceState(lost).then().statusCode(200).body("state", equalTo("REMOVED"));
        problem(Api.childSignIn(lost, PIN), 401, "device-removed").body("token", nullValue());
        problem(Api.setPin(lost, "4071"), 401, "device-removed");
        problem(redeemOn(lost, code), 401, "device-removed");
        UUID lostId = Api.deviceId(lost);
        assertNull(Api.inSession(() -> ChildDevice.<ChildDevice>findById(lostId)).draftKeyEnc,
                "the secret its drafts were kept under is gone");

        // Rosa's tablet goes on.
        as(tablet).get("/api/child/me").then().statusCode(200);

        as(s.socialWorker()).get(s.devices()).then().statusCode(200)
                .body("devices.state", contains("REMOVED", "PIN_SET"))
                .body("devices[0].removedAt", notNullValue());
        problem(as(s.socialWorker()).post(s.devices() + "/" + Api.deviceId(lost) + "/pin-reset"), 409,
                "device-removed");
        deviceState(lost).then().body("state", equalTo("REMOVED"));
        as(s.socialWorker()).delete(s.devices() + "/" + Api.deviceId(lost)).then().statusCode(204);

        AuditEvent removed = lastEvent(s.child(), AuditAction.CHILD_DEVICE_REMOVED);
        assertEquals(s.socialWorker().id(), removed.actorId);
        assertEquals("Device 1 (Chrome on Android)", removed.detail);
        assertEquals(1L, Api.inSession(() -> AuditEvent.count("childId = ?1 and action = ?2", s.child(),
                AuditAction.CHILD_DEVICE_REMOVED)), "removing it again changed nothing");

        // A new invitation opened on the found phone binds it afresh.
        String again = redeemOn(lost, Api.invite(s.socialWorker(), s.conference(), s.child())).then().statusCode(200)
                .extract().cookie("mysay_device");
        Api.setPin(again, PIN).then().statusCode(200);
    }

    @Test
    void onlyTheChildsOwnSocialWorkerMaySeeResetOrRemoveTheirDevices() {
        Setting s = Setting.create();
        ChildLogin phone = s.signedInOn(ANDROID_CHROME);
        Staff advocate = Api.staff(Role.ADVOCATE);
        Staff otherSocialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff manager = Api.staff(Role.MANAGER);
        // Another child of the same social worker: Rosa's device is not found under him, nor his under her.
        UUID brother = Api.child(s.socialWorker(), "Tom", null, null);
        UUID brothersConference = Api.conference(s.socialWorker(), s.chair(), List.of(brother));
        ChildLogin brothersPhone = Api.childSignedIn(s.socialWorker(), brothersConference, brother);
        String brothersDevice = "/api/children/" + s.child() + "/devices/" + Api.deviceId(brothersPhone.deviceSecret());

        for (Staff stranger : List.of(otherSocialWorker, manager, s.chair(), advocate)) {
            String who = stranger.role() + " not allocated to Rosa";
            problem(as(stranger).get(s.devices()), 404, "not-found").body(not(containsString("Rosa")));
            problem(as(stranger).post(s.device(phone) + "/pin-reset"), 404, "not-found");
            problem(as(stranger).delete(s.device(phone)), 404, "not-found");
            assertEquals(0L, Api.inSession(() -> AuditEvent.count("actorId = ?1 and action = ?2", stranger.id(),
                    AuditAction.CHILD_DEVICES_READ)), who + ": a refused look is not audited as one");
        }
        problem(as(s.socialWorker()).post(brothersDevice + "/pin-reset"), 404, "not-found");
        problem(as(s.socialWorker()).delete(brothersDevice), 404, "not-found");
        problem(as(s.socialWorker()).post(s.devices() + "/" + UUID.randomUUID() + "/pin-reset"), 404, "not-found");
        problem(as(phone).get(s.devices()), 403, "forbidden");
        problem(as(phone).delete(s.device(phone)), 403, "forbidden");

        // None of it changed anything.
        as(phone).get("/api/child/me").then().statusCode(200);
        as(brothersPhone).get("/api/child/me").then().statusCode(200);
        deviceState(phone.deviceSecret()).then().body("state", equalTo("PIN_SET"));
        deviceState(brothersPhone.deviceSecret()).then().body("state", equalTo("PIN_SET"));
    }

    @Test
    void aNewInvitationLeavesTheDevicesAlreadySetUpWorkingUntilTheyAreRemoved() {
        Setting s = Setting.create();
        ChildLogin phone = s.signedInOn(ANDROID_CHROME);

        String code = Api.invite(s.socialWorker(), s.conference(), s.child());
        as(phone).get("/api/child/me").then().statusCode(200);
        deviceState(phone.deviceSecret()).then().body("state", equalTo("PIN_SET"));
        Api.childSignIn(phone.deviceSecret(), PIN).then().statusCode(200);

        // Opened in the browser that already holds the phone's device, the new code replaces that device: its cookie
        // is overwritten, so it is removed rather than listed as if it were still in use.
        String replacement = redeemOn(phone.deviceSecret(), code).then().statusCode(200).extract().cookie("mysay_device");
        as(phone).get("/api/child/me").then().statusCode(401);
        as(s.socialWorker()).get(s.devices()).then().statusCode(200)
                .body("devices.name", contains("Device 1", "Device 2"))
                .body("devices.state", contains("REMOVED", "PIN_NOT_SET"))
                .body("devices[1].id", equalTo(Api.deviceId(replacement).toString()));
        assertEquals("replaced by a new invitation opened in the same browser",
                lastEvent(s.child(), AuditAction.CHILD_DEVICE_REMOVED).detail);
    }

    static Response deviceState(String device) {
        return given().cookie("mysay_device", device).get("/api/child/device");
    }

    static String redeem(String code, String userAgent) {
        var request = given().contentType(ContentType.JSON).body(Map.of("code", code));
        // Without one, REST Assured's own (Apache HttpClient on Java) names no browser or system MySay knows.
        if (userAgent != null) {
            request = request.header("User-Agent", userAgent);
        }
        Response response = request.post("/api/child/redeem");
        response.then().statusCode(200);
        return response.getCookie("mysay_device");
    }

    static Response redeemOn(String device, String code) {
        return given().contentType(ContentType.JSON).cookie("mysay_device", device)
                .header(CrossSiteRequestGuard.REQUEST_HEADER, "1").body(Map.of("code", code))
                .post("/api/child/redeem");
    }

    static AuditEvent lastEvent(UUID child, AuditAction action) {
        return Api.inSession(() -> AuditEvent.<AuditEvent>find("childId = ?1 and action = ?2 order by id desc", child,
                action).firstResult());
    }
}
