package app.mysay.invitations;

import static app.mysay.support.Api.as;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;

/** A child's session lives only as long as the device it was opened on is usable. */
@QuarkusTest
class ChildSessionEndsTest {

    @Test
    void resettingThePinEndsTheSessionOnThatDeviceAtOnce() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Kai", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        ChildLogin login = Api.childSignedIn(socialWorker, conference, child);
        as(login).get("/api/child/me").then().statusCode(200);

        Api.resetPin(socialWorker, child, login.deviceSecret()).then().statusCode(200);

        as(login).get("/api/child/me").then().statusCode(401);
        as(login).post("/api/auth/refresh").then().statusCode(401);
        // The child chooses a new PIN on the same device and is back in.
        String token = Api.setPin(login.deviceSecret(), "3691").then().statusCode(200).extract().cookie("mysay_session");
        as(token).get("/api/child/me").then().statusCode(200);
    }

    @Test
    void lockingOneDeviceEndsItsSessionButNotTheChildsOtherDevice() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Noor", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        ChildLogin phone = Api.childSignedIn(socialWorker, conference, child);
        ChildLogin tablet = Api.childSignedIn(socialWorker, conference, child);

        for (int i = 0; i < 5; i++) {
            Api.childSignIn(phone.deviceSecret(), "0007");
        }
        Api.childSignIn(phone.deviceSecret(), "2580").then().statusCode(423);

        as(phone).get("/api/child/me").then().statusCode(401);
        as(tablet).get("/api/child/me").then().statusCode(200);
    }
}
