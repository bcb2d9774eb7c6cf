package app.mysay.accounts;

import static app.mysay.accounts.SecondFactorTest.code;
import static app.mysay.accounts.SecondFactorTest.enterCode;
import static app.mysay.accounts.SecondFactorTest.signInWithPassword;
import static app.mysay.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.SecondFactorRequired;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Where the council requires a second factor (production's default): nobody gets a session with a password alone; a
 * first sign-in sets an authenticator app up; it cannot be turned off; and codes are limited per account across
 * challenges (here 7 an hour), so starting sign-in again does not give a guesser more tries.
 */
@QuarkusTest
@TestProfile(SecondFactorRequired.class)
class SecondFactorRequiredTest {

    private static String email(Role role) {
        return Api.account(role, "Required " + role).email();
    }

    private static String challenge(Response step, String expected) {
        step.then().statusCode(200);
        assertEquals(expected, step.path("secondStep"));
        assertNull(step.path("token"));
        return step.path("challenge");
    }

    @Test
    void aFirstSignInSetsUpAnAuthenticatorAppAndThenEverySignInNeedsACode() {
        String email = email(Role.SOCIAL_WORKER);
        String challenge = challenge(signInWithPassword(email), "SET_UP");
        // The challenge of a set-up is not a way round it: no code can be entered yet.
        problem(enterCode(challenge, "123456"), 401, "sign-in-expired");

        challenge = challenge(signInWithPassword(email), "SET_UP");
        Response details = given().contentType(ContentType.JSON).body(Map.of("challenge", challenge))
                .post("/api/auth/second-factor/set-up");
        details.then().statusCode(200);
        String secret = details.path("secret");
        problem(given().contentType(ContentType.JSON).body(Map.of("challenge", challenge, "code", "000000"))
                .post("/api/auth/second-factor/set-up/confirmation"), 401, "second-factor-failed");
        Response done = given().contentType(ContentType.JSON)
                .body(Map.of("challenge", challenge, "code", code(secret, 0)))
                .post("/api/auth/second-factor/set-up/confirmation");
        done.then().statusCode(200);
        List<String> recoveryCodes = done.path("recoveryCodes");
        assertEquals(10, recoveryCodes.size());
        String token = done.getCookie("mysay_session");
        Api.as(token).get("/api/auth/me").then().statusCode(200);
        assertTrue(done.headers().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("mysay_session=")));
        // Set up once: the same challenge cannot set up again.
        problem(given().contentType(ContentType.JSON).body(Map.of("challenge", challenge))
                .post("/api/auth/second-factor/set-up"), 401, "sign-in-expired");

        Api.as(token).get("/api/account/second-factor").then().statusCode(200)
                .body("required", org.hamcrest.Matchers.equalTo(true));
        problem(Api.as(token).body(Map.of("password", Api.PASSWORD)).post("/api/account/second-factor/removal"), 409,
                "conflict");

        String next = challenge(signInWithPassword(email), "ENTER_CODE");
        enterCode(next, code(secret, 1)).then().statusCode(200);
    }

    @Test
    void codesAreLimitedPerAccountAcrossChallenges() {
        String email = email(Role.CHAIR);
        String setUp = challenge(signInWithPassword(email), "SET_UP");
        String secret = given().contentType(ContentType.JSON).body(Map.of("challenge", setUp))
                .post("/api/auth/second-factor/set-up").then().statusCode(200).extract().path("secret");
        given().contentType(ContentType.JSON).body(Map.of("challenge", setUp, "code", code(secret, 0)))
                .post("/api/auth/second-factor/set-up/confirmation").then().statusCode(200);
        // Only wrong codes count (the set-up and its confirmation did not). Five wrong codes spend a challenge...
        String first = challenge(signInWithPassword(email), "ENTER_CODE");
        for (int i = 0; i < 5; i++) {
            problem(enterCode(first, "99999" + i), 401, "second-factor-failed");
        }
        // ...and a new one does not bring five more: after two more wrong codes the account's limit (7) is reached,
        // and even the right code is refused.
        String second = challenge(signInWithPassword(email), "ENTER_CODE");
        for (int i = 0; i < 2; i++) {
            problem(enterCode(second, "88888" + i), 401, "second-factor-failed");
        }
        Response limited = enterCode(second, code(secret, 1));
        problem(limited, 429, "too-many-attempts");
        assertTrue(Integer.parseInt(limited.header("Retry-After")) > 0);
    }
}
