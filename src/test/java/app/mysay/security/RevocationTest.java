package app.mysay.security;

import static app.mysay.security.JwtAttackTest.assertUnauthenticated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.mysay.accounts.StaffAccount;
import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditEvent;
import app.mysay.security.JwtAttackTest.Transport;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;

/**
 * Signing out, a PIN reset, removing a device and disabling an account revoke the tokens issued before, at once: the
 * old token is refused as Bearer and as the cookie on every kind of endpoint, cannot be refreshed, and stays refused
 * when the account is enabled again or a new PIN chosen; a fresh sign-in, even in the same second, works.
 */
@QuarkusTest
class RevocationTest {

    /** One endpoint of each kind: who am I, refreshing, a staff list, a child's own page, a manager's page. */
    static final List<String[]> ENDPOINTS = List.of(
            new String[] { "GET", "/api/auth/me" },
            new String[] { "POST", "/api/auth/refresh" },
            new String[] { "GET", "/api/children" },
            new String[] { "GET", "/api/conferences" },
            new String[] { "GET", "/api/child/me" },
            new String[] { "GET", "/api/figures?from=2026-01-01&to=2026-12-31" });

    static void assertRefusedEverywhere(String what, String token) {
        for (String[] endpoint : ENDPOINTS) {
            for (Transport transport : Transport.values()) {
                Response response = transport.carrying(token).request(endpoint[0], endpoint[1]);
                assertUnauthenticated(what + " via " + transport + " on " + endpoint[0] + " " + endpoint[1], response);
            }
        }
    }

    static Response signOut(Transport transport, String token) {
        return transport.carrying(token).post("/api/auth/sign-out");
    }

    @Inject
    JWTParser parser;

    /**
     * Tokens are checked through the cache of verified tokens, so every revocation below is of a token the app
     * already remembers as verified (each is used before it is revoked): the cache never stands in for revocation.
     */
    @Test
    void theRevokedTokensBelowAreOnesTheAppRemembersAsVerified() {
        assertInstanceOf(VerifiedTokens.class, ClientProxy.unwrap(parser));
    }

    // ---- staff ----

    @Test
    void signingOutRevokesTheTokenAsBearerAndAsCookie() {
        for (Transport transport : Transport.values()) {
            Staff staff = Api.staff(Role.SOCIAL_WORKER);
            String refreshed = Api.as(staff).post("/api/auth/refresh").then().statusCode(200).extract().cookie("mysay_session");
            Api.as(staff).get("/api/children").then().statusCode(200);

            signOut(transport, staff.token()).then().statusCode(204);

            assertRefusedEverywhere("a signed-out token (signed out via " + transport + ")", staff.token());
            assertRefusedEverywhere("a token refreshed before signing out", refreshed);
            // Signing out again with the dead token still clears the cookie, and does no harm.
            signOut(transport, staff.token()).then().statusCode(204);
            // At once, in the same second: a fresh sign-in works, and so does refreshing it.
            String fresh = Api.signIn(staff.email());
            Api.as(fresh).get("/api/auth/me").then().statusCode(200);
            String again = Api.as(fresh).post("/api/auth/refresh").then().statusCode(200).extract().cookie("mysay_session");
            Transport.COOKIE.carrying(again).get("/api/children").then().statusCode(200);
        }
        assertEquals(true, Api.inSession(() -> AuditEvent.count("action", AuditAction.SIGNED_OUT)) >= 2);
    }

    @Test
    void aManagersSignedOutTokenCannotReadTheFigures() {
        Staff manager = Api.staff(Role.MANAGER);
        String path = "/api/figures?from=2026-01-01&to=2026-12-31";
        Api.as(manager).get(path).then().statusCode(200);
        signOut(Transport.COOKIE, manager.token()).then().statusCode(204);
        assertRefusedEverywhere("a manager's signed-out token", manager.token());
        Api.as(Api.signIn(manager.email())).get(path).then().statusCode(200);
    }

    @Test
    void disablingRevokesForGoodEvenIfTheAccountIsEnabledAgain() {
        Staff staff = Api.staff(Role.CHAIR);
        Api.inTransaction(() -> StaffAccount.<StaffAccount>findById(staff.id()).invoke(a -> a.enabled = false));
        assertRefusedEverywhere("a disabled account's token", staff.token());
        Api.inTransaction(() -> StaffAccount.<StaffAccount>findById(staff.id()).invoke(a -> a.enabled = true));
        assertRefusedEverywhere("a token from before the account was disabled, once it is enabled again",
                staff.token());
        String fresh = Api.signIn(staff.email());
        Api.as(fresh).get("/api/auth/me").then().statusCode(200);
    }

    // ---- children ----

    record Family(Staff socialWorker, UUID child, UUID conference) {
        static Family create(String name) {
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
            Staff chair = Api.staff(Role.CHAIR);
            UUID child = Api.child(socialWorker, name, null, null);
            return new Family(socialWorker, child, Api.conference(socialWorker, chair, List.of(child)));
        }

        ChildLogin device() {
            return Api.childSignedIn(socialWorker, conference, child);
        }
    }

    @Test
    void aChildSigningOutOnOneDeviceStaysSignedInOnTheOther() {
        Family f = Family.create("Lou");
        ChildLogin phone = f.device();
        ChildLogin tablet = f.device();
        String refreshed = Api.as(phone).post("/api/auth/refresh").then().statusCode(200).extract().cookie("mysay_session");

        signOut(Transport.COOKIE, phone.token()).then().statusCode(204);

        assertRefusedEverywhere("a child's signed-out token", phone.token());
        assertRefusedEverywhere("a child's token refreshed before signing out", refreshed);
        Api.as(tablet).get("/api/child/me").then().statusCode(200);
        // The phone stays bound: the child signs in again with the PIN, at once.
        String fresh = Api.childSignIn(phone.deviceSecret(), "2580").then().statusCode(200).extract().cookie("mysay_session");
        Api.as(fresh).get("/api/child/me").then().statusCode(200);
    }

    @Test
    void aPinResetRevokesForGoodEvenOnceANewPinIsChosen() {
        Family f = Family.create("Ira");
        ChildLogin phone = f.device();
        ChildLogin tablet = f.device();

        Api.resetPin(f.socialWorker(), f.child(), phone.deviceSecret()).then().statusCode(200);
        String fresh = Api.setPin(phone.deviceSecret(), "4071").then().statusCode(200).extract().cookie("mysay_session");
        assertNotNull(fresh);

        assertRefusedEverywhere("a child's token from before the PIN reset", phone.token());
        Api.as(fresh).get("/api/child/me").then().statusCode(200);
        Transport.COOKIE.carrying(fresh).post("/api/auth/refresh").then().statusCode(200);
        // The reset was of the phone alone: the tablet's session goes on.
        Api.as(tablet).get("/api/child/me").then().statusCode(200);
    }

    @Test
    void aRemovedDevicesTokensAreRefusedEverywhereAtOnce() {
        Family f = Family.create("Eli");
        ChildLogin phone = f.device();
        String refreshed = Api.as(phone).post("/api/auth/refresh").then().statusCode(200).extract().cookie("mysay_session");

        Api.as(f.socialWorker()).delete("/api/children/" + f.child() + "/devices/" + Api.deviceId(phone.deviceSecret()))
                .then().statusCode(204);

        assertRefusedEverywhere("a removed device's token", phone.token());
        assertRefusedEverywhere("a removed device's refreshed token", refreshed);
        Api.childSignIn(phone.deviceSecret(), "2580").then().statusCode(401);
    }

    @Test
    void aLockedDevicesTokenStaysRevokedAfterTheResetAndANewPin() {
        Family f = Family.create("Bo");
        ChildLogin phone = f.device();
        for (int i = 0; i < 5; i++) {
            Api.childSignIn(phone.deviceSecret(), "9513");
        }
        Api.resetPin(f.socialWorker(), f.child(), phone.deviceSecret()).then().statusCode(200);
        Api.setPin(phone.deviceSecret(), "4071").then().statusCode(200);
        assertRefusedEverywhere("a token from before the device locked", phone.token());
    }
}
