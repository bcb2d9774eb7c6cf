package app.mysay.observability;

import static app.mysay.support.Api.as;
import static app.mysay.support.Management.metric;
import static app.mysay.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.mysay.notifications.NotificationSender;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Management;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.Waiting;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The metrics operations watch, read from the management port's Prometheus endpoint, each moving by exactly what the
 * API did: views sent (not replays), notifications waiting and how long the oldest has waited, and refused sign-ins
 * by way in and by why.
 */
@QuarkusTest
class MetricsTest {

    static final String VIEWS_SENT = "mysay_views_sent_total";
    static final String FAILURES = "mysay_sign_in_failures_total";

    @Inject
    NotificationSender sender;

    @Inject
    Scheduler scheduler;

    record Setting(Staff socialWorker, Staff chair, Staff advocate, UUID childId, UUID conferenceId,
            ChildLogin child) {

        static Setting create() {
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
            Staff chair = Api.staff(Role.CHAIR);
            Staff advocate = Api.staff(Role.ADVOCATE);
            UUID child = Api.child(socialWorker, "Rowan", Api.family(socialWorker), advocate.id());
            UUID conference = Api.conference(socialWorker, chair, List.of(child));
            return new Setting(socialWorker, chair, advocate, child, conference,
                    Api.childSignedIn(socialWorker, conference, child));
        }

        Response childSends(String key, Map<String, Object> views) {
            return Api.send(as(child), "/api/child/conferences/" + conferenceId + "/views/send", key, views);
        }

        Response advocateSends(String key, Map<String, Object> views) {
            return Api.send(as(advocate), "/api/conferences/" + conferenceId + "/children/" + childId
                    + "/views/send", key, views);
        }
    }

    static double viewsSent(String author, String authorship) {
        return metric(VIEWS_SENT, "author=\"" + author + "\",authorship=\"" + authorship + "\"");
    }

    static double failures(String kind, String outcome) {
        return metric(FAILURES, "kind=\"" + kind + "\",outcome=\"" + outcome + "\"");
    }

    // ---- views sent ----

    @Test
    void eachNewVersionOfTheViewsIsCountedOnceAndAReplayNotAtAll() {
        Setting s = Setting.create();
        double byChild = viewsSent("child", "child");
        double byAdvocate = viewsSent("advocate", "advocate_on_behalf");

        String key = UUID.randomUUID().toString();
        Map<String, Object> views = Api.views("Climbing trees", "Nothing much", "A bike");
        s.childSends(key, views).then().statusCode(201);
        assertEquals(byChild + 1, viewsSent("child", "child"));

        // The phone retries: the same version, answered again, counted no more.
        s.childSends(key, views).then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(byChild + 1, viewsSent("child", "child"));
        // A refused sending (the same key, other views) is not counted either.
        problem(s.childSends(key, Api.views("Climbing trees", "Nothing much", "Two bikes")), 422,
                "idempotency-key-reused");
        assertEquals(byChild + 1, viewsSent("child", "child"));

        s.childSends(UUID.randomUUID().toString(), Api.views("Climbing trees", "Nothing", "A bike")).then()
                .statusCode(201);
        assertEquals(byChild + 2, viewsSent("child", "child"));

        Map<String, Object> forTheChild = Api.views("Likes school", "Worried about home", "To stay with nan");
        Map<String, Object> authorship = new HashMap<>();
        authorship.put("kind", "ADVOCATE_ON_BEHALF");
        authorship.put("readBackAgreed", true);
        forTheChild.put("authorship", authorship);
        s.advocateSends(UUID.randomUUID().toString(), forTheChild).then().statusCode(201);
        assertEquals(byAdvocate + 1, viewsSent("advocate", "advocate_on_behalf"));
        assertEquals(byChild + 2, viewsSent("child", "child"));
    }

    // ---- notifications waiting ----

    @Test
    void notificationsWaitingAndTheOldestOnesAgeAreMeasured() {
        scheduler.pause(NotificationSender.JOB);
        Setting s = null;
        try {
            // A run the scheduler started just before the pause may begin a moment after it: setting up takes a few
            // seconds, after which no run is under way and none will start.
            s = Setting.create();
            Waiting.await("the sender to finish its run", () -> sender.idle(), idle -> idle);
            refreshGauges();
            double pending = metric("mysay_notifications_pending", null);

            // Two notifications waiting for a later attempt (as after a failed one): no run of the sender takes them
            // while the test looks, even one the pause did not stop.
            for (UUID recipient : List.of(s.chair().id(), s.socialWorker().id())) {
                sql("insert into notification (id, kind, recipient_id, conference_id, child_id, created_at, attempts, "
                        + "next_attempt_at) values (gen_random_uuid(), 'VIEWS_SENT', '" + recipient + "', '"
                        + s.conferenceId() + "', '" + s.childId() + "', now(), 1, now() + interval '1 hour')");
            }
            refreshGauges();
            long waiting = count("select count(*) from notification where sent_at is null and next_attempt_at is not null");
            assertEquals(pending + 2, metric("mysay_notifications_pending", null),
                    () -> "waiting in the database: " + waiting + "; the metrics say: " + Management.metrics().lines()
                            .filter(l -> l.startsWith("mysay_notifications")).toList());

            // Written 100 days ago (as after a long mail outage): the oldest waiting is that old, to the run.
            sql("update notification set created_at = now() - interval '100 days' where conference_id = '"
                    + s.conferenceId() + "'");
            refreshGauges();
            double age = metric("mysay_notifications_pending_oldest_age_seconds", null);
            double hundredDays = Duration.ofDays(100).toSeconds();
            assertTrue(age >= hundredDays && age < hundredDays + 600, "oldest age " + age);
        } finally {
            if (s != null) {
                sql("update notification set sent_at = now() where conference_id = '" + s.conferenceId() + "'");
            }
            refreshGauges();
            scheduler.resume(NotificationSender.JOB);
        }
        assertTrue(metric("mysay_notifications_pending_oldest_age_seconds", null) < Duration.ofDays(1).toSeconds(),
                "delivered, they are no longer the oldest waiting");
    }

    /** A run that claims nothing still measures what is waiting. */
    void refreshGauges() {
        sender.deliverDue(0).await().atMost(Duration.ofSeconds(10));
    }

    // ---- refused sign-ins ----

    @Test
    void refusedStaffSignInsAreCountedByWhy() {
        Waiting.awayFromASignInWindowsEdge();
        Staff staff = Api.staff(Role.CHAIR);
        double wrong = failures("staff_password", "wrong");
        double limited = failures("staff_password", "limited");

        // A success is not a refusal (and clears the account's failures, so it comes first here).
        Api.signIn(staff.email());
        for (int i = 0; i < 3; i++) {
            problem(signIn(staff.email(), "not the password " + i), 401, "sign-in-failed");
        }
        problem(signIn("nobody-" + UUID.randomUUID() + "@test.mysay.example", "whatever it is"), 401,
                "sign-in-failed");
        assertEquals(wrong + 4, failures("staff_password", "wrong"));

        overTheLimit("STAFF_ACCOUNT", () -> problem(signIn(staff.email(), Api.PASSWORD), 429, "too-many-attempts"));
        assertEquals(limited + 1, failures("staff_password", "limited"));
        assertEquals(wrong + 4, failures("staff_password", "wrong"));
    }

    @Test
    void refusedSecondFactorCodesAreCounted() {
        Waiting.awayFromASignInWindowsEdge();
        Staff staff = Api.staff(Role.CHAIR);
        String secret = Api.as(staff).body(Map.of("password", Api.PASSWORD)).post("/api/account/second-factor/set-up")
                .then().statusCode(200).extract().path("secret");
        Api.as(staff).body(Map.of("code", totp(secret))).post("/api/account/second-factor/set-up/confirmation")
                .then().statusCode(200);
        double wrong = failures("second_factor", "wrong");
        double limited = failures("second_factor", "limited");

        String challenge = signIn(staff.email(), Api.PASSWORD).then().statusCode(200).extract().path("challenge");
        problem(enterCode(challenge, "000000".equals(totp(secret)) ? "111111" : "000000"), 401,
                "second-factor-failed");
        problem(enterCode(challenge, "12345678"), 401, "second-factor-failed");
        assertEquals(wrong + 2, failures("second_factor", "wrong"));

        overTheLimit("SECOND_FACTOR_ACCOUNT",
                () -> problem(enterCode(challenge, "222222"), 429, "too-many-attempts"));
        assertEquals(limited + 1, failures("second_factor", "limited"));
        assertEquals(wrong + 2, failures("second_factor", "wrong"));
    }

    @Test
    void refusedPinsAndLockedDevicesAreCounted() {
        Waiting.awayFromASignInWindowsEdge();
        Setting s = Setting.create();
        double wrong = failures("child_pin", "wrong");
        double locked = failures("child_pin", "locked");
        double limited = failures("child_pin", "limited");

        // Five tries: four wrong, and the fifth locks the device; then it stays locked, even for the right PIN.
        for (int i = 0; i < 4; i++) {
            problem(Api.childSignIn(s.child().deviceSecret(), "9513"), 401, "pin-not-right");
        }
        problem(Api.childSignIn(s.child().deviceSecret(), "9513"), 423, "locked");
        problem(Api.childSignIn(s.child().deviceSecret(), "2580"), 423, "locked");
        assertEquals(wrong + 4, failures("child_pin", "wrong"));
        assertEquals(locked + 2, failures("child_pin", "locked"));

        // A PIN too easy to choose is the child's typing, not a refused sign-in.
        String device = Api.redeem(Api.invite(s.socialWorker(), s.conferenceId(), s.childId()));
        problem(Api.setPin(device, "1111"), 400, "validation");
        overTheLimit("PIN_DEVICE", () -> problem(Api.setPin(device, "4071"), 429, "too-many-attempts"));
        assertEquals(limited + 1, failures("child_pin", "limited"));
        assertEquals(wrong + 4, failures("child_pin", "wrong"));
    }

    @Test
    void refusedInvitationCodesAreCounted() {
        Waiting.awayFromASignInWindowsEdge();
        Setting s = Setting.create();
        double wrong = failures("invitation_redeem", "wrong");
        double limited = failures("invitation_redeem", "limited");

        problem(redeem("ABCD-EFGH-JKMN-PQRS-TVWX"), 400, "invitation-not-valid");
        problem(redeem("not even a code"), 400, "invitation-not-valid");
        assertEquals(wrong + 2, failures("invitation_redeem", "wrong"));

        String code = Api.invite(s.socialWorker(), s.conferenceId(), s.childId());
        overTheLimit("REDEEM_ADDRESS", () -> problem(redeem(code), 429, "too-many-attempts"));
        assertEquals(limited + 1, failures("invitation_redeem", "limited"));
        assertEquals(wrong + 2, failures("invitation_redeem", "wrong"));
    }

    // ---- requests ----

    @Test
    void requestMetricsNameAddressesWithoutTheIdsInThem() {
        UUID conference = UUID.randomUUID();
        given().get("/staff/conferences/" + conference + "/pack").then().statusCode(200);
        Staff chair = Api.staff(Role.CHAIR);
        as(chair).get("/api/conferences/" + conference + "/summary").then().statusCode(404);
        String metrics = app.mysay.support.Management.metrics();
        assertTrue(metrics.contains("uri=\"/staff/*\""), "the staff pages, by their prefix");
        assertFalse(metrics.contains(conference.toString()), "no id in any metric");
    }

    // ---- plumbing ----


    static Response signIn(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/sign-in");
    }

    static Response enterCode(String challenge, String code) {
        return given().contentType(ContentType.JSON).body(Map.of("challenge", challenge, "code", code))
                .post("/api/auth/second-factor");
    }

    static Response redeem(String code) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/child/redeem");
    }

    static String totp(String secret) {
        try {
            return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret,
                    Math.floorDiv(Instant.now().getEpochSecond(), 30));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the attempt with this kind's counts in the current window (made by the attempts before) raised past any
     * limit, as another instance's attempts would, then lowers them again: the tests all sign in from 127.0.0.1 and
     * must not be limited afterwards.
     */
    static void overTheLimit(String kind, Runnable attempt) {
        sql("update sign_in_limit set attempts = attempts + 10000000 where kind = '" + kind + "'");
        try {
            attempt.run();
        } finally {
            sql("update sign_in_limit set attempts = attempts - 10000000 where kind = '" + kind
                    + "' and attempts >= 10000000");
        }
    }

    static long count(String query) {
        return Api.inSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(query, Long.class)
                .getSingleResult()));
    }

    static void sql(String statement) {
        Api.inTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(statement).executeUpdate()));
    }
}
