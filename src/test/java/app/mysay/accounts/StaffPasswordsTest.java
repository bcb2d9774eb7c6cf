package app.mysay.accounts;

import static app.mysay.support.Problems.invalid;
import static app.mysay.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditEvent;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import app.mysay.support.GreenMailResource;
import app.mysay.support.GreenMailResource.InjectGreenMail;
import app.mysay.support.Mails;
import app.mysay.support.PasswordLinks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Issue 19, item 1: a manager alone must never hold a usable credential of someone else's. Staff set their own
 * password through a single-use link e-mailed to them; weak and commonly breached passwords are refused; resetting
 * someone's sign-in needs the manager to confirm it is them, tells the holder, and is audited.
 */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class StaffPasswordsTest {

    static final String STRONG = "Plum tree by the canal 42";

    @InjectGreenMail
    GreenMail greenMail;

    static Response signIn(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/sign-in");
    }

    static Response setPassword(String token, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token, "password", password))
                .post("/api/auth/password");
    }

    /** The manager's path from the issue, step by step: every step that gave them the child's views is refused. */
    @Test
    void aManagerCannotTakeOverASocialWorkersAccount() throws Exception {
        Staff manager = Api.staff(Role.MANAGER);

        // A manager creating an account chooses no password: one sent along is refused, and the account made without
        // one cannot be signed in to.
        String email = "new.worker." + Api.shortId() + "@test.mysay.example";
        int before = PasswordLinks.mailsTo(greenMail, email).size();
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "displayName", "New Worker",
                "role", "SOCIAL_WORKER"));
        body.put("password", "aaaaaaaaaaaa");
        Api.as(manager).body(body).post("/api/staff").then().statusCode(400);
        body.remove("password");
        Api.as(manager).body(body).post("/api/staff").then().statusCode(201);
        problem(signIn(email, "aaaaaaaaaaaa"), 401, "sign-in-failed");

        // Only the holder, through the e-mailed link, sets it; a weak one is refused.
        String token = PasswordLinks.awaitToken(greenMail, email, before);
        invalid(setPassword(token, "aaaaaaaaaaaa"), "password");
        invalid(setPassword(token, "password123456"), "password");
        invalid(setPassword(token, "qwertyuiop123"), "password");
        invalid(setPassword(token, email), "password");
        setPassword(token, STRONG).then().statusCode(204);
        problem(setPassword(token, STRONG + "!"), 410, "password-link-not-valid");
        signIn(email, STRONG).then().statusCode(200);

        // Resetting someone's second factor needs the manager's own password (and code, when they have one)...
        Staff worker = Api.staff(Role.SOCIAL_WORKER);
        String workerSession = worker.token();
        problem(Api.as(manager).delete("/api/staff/" + worker.id() + "/second-factor"), 400, "validation");
        invalid(Api.as(manager).body(Map.of("code", "123456")).delete("/api/staff/" + worker.id() + "/second-factor"),
                "password");
        problem(Api.as(manager).body(Map.of("password", "not my password at all"))
                .delete("/api/staff/" + worker.id() + "/second-factor"), 403, "confirm-it-is-you");
        Api.as(workerSession).get("/api/auth/me").then().statusCode(200);

        // ...and then the holder's password is gone too: the manager never has a credential that works.
        int workerMails = PasswordLinks.mailsTo(greenMail, worker.email()).size();
        Api.as(manager).body(Map.of("password", Api.PASSWORD)).delete("/api/staff/" + worker.id() + "/second-factor")
                .then().statusCode(204);
        Api.as(workerSession).get("/api/auth/me").then().statusCode(401);
        problem(signIn(worker.email(), Api.PASSWORD), 401, "sign-in-failed");
        String resetToken = PasswordLinks.awaitToken(greenMail, worker.email(), workerMails);
        String mail = Mails.everything(PasswordLinks.mailsTo(greenMail, worker.email()).get(workerMails));
        assertTrue(mail.contains("manager"), "the holder is told a manager reset their sign-in");
        assertFalse(mail.contains(manager.email()), mail);
        setPassword(resetToken, STRONG).then().statusCode(204);
        signIn(worker.email(), STRONG).then().statusCode(200);

        List<AuditEvent> events = Api.inSession(() -> AuditEvent.<AuditEvent>list("actorId = ?1 and action = ?2",
                manager.id(), AuditAction.STAFF_SIGN_IN_RESET));
        assertEquals(1, events.size());
        assertTrue(events.get(0).detail.contains(worker.id().toString()), events.get(0).detail);
    }

    /** With a second factor of their own, the manager confirms with a code too. */
    @Test
    void aManagerWithAnAuthenticatorConfirmsWithACode() {
        Staff manager = Api.staff(Role.MANAGER);
        SecondFactorTest.SetUp setUp = SecondFactorTest.setUp(manager);
        Staff signedIn = new Staff(manager.id(), manager.email(), manager.role(), setUp.token());
        Staff worker = Api.staff(Role.CHAIR);
        problem(Api.as(signedIn).body(Map.of("password", Api.PASSWORD)).post("/api/staff/" + worker.id()
                + "/password-reset"), 403, "confirm-it-is-you");
        problem(Api.as(signedIn).body(Map.of("password", Api.PASSWORD, "code", "000000")).post("/api/staff/"
                + worker.id() + "/password-reset"), 403, "confirm-it-is-you");
        Api.as(worker.token()).get("/api/auth/me").then().statusCode(200);
        Api.as(signedIn).body(Map.of("password", Api.PASSWORD, "code", SecondFactorTest.code(setUp.secret(), 1)))
                .post("/api/staff/" + worker.id() + "/password-reset").then().statusCode(204);
        Api.as(worker.token()).get("/api/auth/me").then().statusCode(401);
        problem(Api.as(signedIn).body(Map.of("password", Api.PASSWORD, "code", "123456"))
                .post("/api/staff/" + UUID.randomUUID() + "/password-reset"), 404, "not-found");
    }

    @Test
    void aNewAccountIsPendingUntilItsHolderSetsAPasswordAndTheLinkExpires() {
        Staff manager = Api.staff(Role.MANAGER);
        String email = "pending." + Api.shortId() + "@test.mysay.example";
        int before = PasswordLinks.mailsTo(greenMail, email).size();
        String id = Api.as(manager).body(Map.of("email", email, "displayName", "Pending Person", "role", "CHAIR"))
                .post("/api/staff").then().statusCode(201).extract().path("id");
        Map<String, Object> listed = Api.as(manager).get("/api/staff/accounts").then().statusCode(200)
                .extract().path("find { it.id == '" + id + "' }");
        assertEquals(false, listed.get("passwordSet"));
        assertNull(listed.get("password"));
        String token = PasswordLinks.awaitToken(greenMail, email, before);
        Api.inTransaction(() -> io.quarkus.hibernate.reactive.panache.Panache.getSession().flatMap(s -> s
                .createNativeQuery("update staff_password_link set expires_at = now() - interval '1 second' "
                        + "where account_id = :id").setParameter("id", UUID.fromString(id)).executeUpdate()));
        problem(setPassword(token, STRONG), 410, "password-link-not-valid");
        problem(setPassword("not-a-token-" + Api.shortId() + "-long-enough", STRONG), 410, "password-link-not-valid");
    }

    @Test
    void changingYourOwnPasswordRefusesWeakOnes() {
        Staff worker = Api.staff(Role.ADVOCATE);
        invalid(Api.as(worker).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "111111111111"))
                .post("/api/account/password"), "newPassword");
        invalid(Api.as(worker).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "Password2024!"))
                .post("/api/account/password"), "newPassword");
    }
}
