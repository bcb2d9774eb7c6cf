package app.mysay.invitations;

import static app.mysay.support.Api.as;
import static app.mysay.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A child's devices, one by one: resetting the PIN of the one the child forgot it on leaves the others as they were
 * (a shared family phone is not reopened), and a lost one is removed.
 */
@QuarkusTest
class ChildDevicesTest {

    static final String PIN = ChildSignInTest.PIN;

    @Test
    void resettingThePinOfOneDeviceLeavesTheChildsOtherDeviceAsItWas() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Rosa", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        ChildLogin phone = Api.childSignedIn(socialWorker, conference, child);
        ChildLogin familyPhone = Api.childSignedIn(socialWorker, conference, child);

        // Rosa forgot the PIN on her phone and locked it.
        for (int i = 0; i < 5; i++) {
            Api.childSignIn(phone.deviceSecret(), "0007");
        }
        as(socialWorker).post("/api/children/" + child + "/pin-reset").then().statusCode(200);

        deviceState(phone.deviceSecret()).then().statusCode(200).body("state", equalTo("PIN_NOT_SET"));
        // The family phone still needs its own PIN: it is not open to whoever picks it up to choose a new one.
        deviceState(familyPhone.deviceSecret()).then().statusCode(200).body("state", equalTo("PIN_SET"));
        problem(Api.setPin(familyPhone.deviceSecret(), "7391"), 409, "pin-already-set");
        Api.childSignIn(familyPhone.deviceSecret(), PIN).then().statusCode(200);
        as(familyPhone).get("/api/child/me").then().statusCode(200);
    }

    static Response deviceState(String device) {
        return given().cookie("mysay_device", device).get("/api/child/device");
    }
}
