package app.mysay.resilience;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * MySay as a council runs it: two instances of the packaged service, in the production profile, against one
 * PostgreSQL and one mail server. Proves that they behave as one service (a token from either works on both, a
 * sign-in limit counts tries on both, each e-mail goes once though both senders compete), that notifications wait
 * out a mail server outage, and that children sending views while PostgreSQL crashes and comes back lose nothing and
 * get nothing twice.
 *
 * Runs in {@code mvn verify} after the jar is packaged (failsafe). The database crash needs the throwaway cluster
 * {@code pg_virtualenv} makes, and is skipped against any other server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutAndFaultsIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final String MANAGER_EMAIL = "first.manager@it.mysay.example";
    private static final String PASSWORD = "a long enough password for tests";

    private static Database database;
    private static Map<String, String> environment;
    private static int smtpPort;
    private static GreenMail mailServer;
    private static AppInstance a;
    private static AppInstance b;

    private static String socialWorker;
    private static String chair;
    private static UUID chairId;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        database = Database.fresh("mysay_scale_out_it");
        smtpPort = AppInstance.freePort();
        Map<String, String> env = AppInstance.productionEnvironment(database, MANAGER_EMAIL, PASSWORD, smtpPort);
        environment = env;
        env.put("MYSAY_SMTP_START_TLS", "DISABLED");
        // Every phone here shares 127.0.0.1: the per-address limits would stop the test's 30 children, not an attack.
        env.put("MYSAY_SIGN_IN_LIMITS_REDEEM_PER_ADDRESS", "1000");
        env.put("MYSAY_SIGN_IN_LIMITS_PIN_PER_ADDRESS", "1000");
        // Both senders look often and take little at a time, so they compete for the same rows.
        env.put("MYSAY_NOTIFICATIONS_EVERY", "200ms");
        env.put("MYSAY_NOTIFICATIONS_BATCH_SIZE", "2");
        env.put("MYSAY_NOTIFICATIONS_BACKOFF_BASE", "1S");
        env.put("MYSAY_NOTIFICATIONS_BACKOFF_MAX", "2S");
        // Started together, on an empty database: both migrate and both try to create the first manager.
        a = AppInstance.start("instance-a", env);
        b = AppInstance.start("instance-b", env);
        a.awaitReady(START);
        b.awaitReady(START);

        String manager = signIn(a, MANAGER_EMAIL, PASSWORD);
        socialWorker = signIn(b, createStaff(a, manager, "SOCIAL_WORKER"), PASSWORD);
        String chairEmail = createStaff(b, manager, "CHAIR");
        chair = signIn(a, chairEmail, PASSWORD);
        chairId = UUID.fromString(as(b, chair).get("/api/auth/me").then().statusCode(200).extract().path("id"));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing the other one matters more
            }
        }
        if (mailServer != null) {
            mailServer.stop();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    @Order(1)
    void bothInstancesStartTogetherOnAnEmptyDatabaseWithOneFirstManager() {
        assertEquals(1, database.count("select count(*) from staff_account where role = 'MANAGER'"));
        assertTrue(database.count("select count(*) from flyway_schema_history where success") > 0);
        assertEquals(0, database.count("select count(*) from flyway_schema_history where not success"));
    }

    @Test
    @Order(2)
    void aSessionFromOneInstanceWorksOnTheOtherAndEndsOnBoth() {
        String email = createStaff(a, signIn(b, MANAGER_EMAIL, PASSWORD), "SOCIAL_WORKER");
        String token = signIn(a, email, PASSWORD);
        as(b, token).get("/api/auth/me").then().statusCode(200);

        Family family = family(a, b);
        as(b, family.child.token).get("/api/child/me").then().statusCode(200);

        as(b, token).post("/api/auth/sign-out").then().statusCode(204);
        as(a, token).get("/api/auth/me").then().statusCode(401);
        as(b, token).get("/api/auth/me").then().statusCode(401);
    }

    @Test
    @Order(3)
    void theSignInLimitCountsTriesOnBothInstances() {
        String email = createStaff(a, signIn(a, MANAGER_EMAIL, PASSWORD), "CHAIR");
        // Ten wrong passwords for one account (the production limit), alternating between the instances.
        for (int i = 0; i < 10; i++) {
            signInAttempt(i % 2 == 0 ? a : b, email, "not the password " + i).then().statusCode(401);
        }
        // The eleventh try is refused on either, even with the right password: the count is the service's.
        signInAttempt(a, email, PASSWORD).then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        signInAttempt(b, email, PASSWORD).then().statusCode(429);
    }

    @Test
    @Order(4)
    void notificationsWaitOutAMailServerOutageAndEachGoesOnceThoughBothInstancesSend() throws Exception {
        // The mail server is down: nothing listens on its port yet.
        List<Family> families = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            families.add(family(i % 2 == 0 ? a : b, i % 2 == 0 ? b : a));
        }
        for (int i = 0; i < families.size(); i++) {
            Family f = families.get(i);
            sendViews(i % 2 == 0 ? a : b, f, UUID.randomUUID().toString(), "outage " + i).then().statusCode(201);
        }
        long notifications = database.count("select count(*) from notification where kind = 'VIEWS_SENT'");
        assertEquals(families.size() * 2L, notifications, "one for the chair and one for the social worker per sending");
        await("both instances to try and fail", Duration.ofSeconds(60), () -> database.count(
                "select count(*) from notification where kind = 'VIEWS_SENT' and sent_at is null and attempts >= 1")
                == notifications);
        assertTrue(a.metric("mysay_notifications_failed_total") + b.metric("mysay_notifications_failed_total") > 0);

        mailServer = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mailServer.start();

        // (The new accounts' set-password e-mails are not sent: their holders had set a password already.)
        await("every notification to be sent", Duration.ofSeconds(90),
                () -> database.count("select count(*) from notification where sent_at is null "
                        + "and next_attempt_at is not null") == 0);
        // Longer than a lease-free rerun would take to send anything twice.
        AppInstance.pause(Duration.ofSeconds(3));
        assertEquals(notifications, mailServer.getReceivedMessages().length, "each notification e-mailed exactly once");
        double deliveredByA = a.metric("mysay_notifications_delivered_total");
        double deliveredByB = b.metric("mysay_notifications_delivered_total");
        assertEquals(notifications, (long) (deliveredByA + deliveredByB));
        assertTrue(deliveredByA > 0 && deliveredByB > 0,
                "both instances sent some (A " + deliveredByA + ", B " + deliveredByB + "), so they really competed");
        for (AppInstance instance : List.of(a, b)) {
            String log = instance.logText();
            for (Family f : families) {
                assertTrue(!log.contains(f.knownAs), instance.name() + "'s log names a child");
            }
        }
    }

    @Test
    @Order(5)
    void childrenSendingViewsWhilePostgresCrashesAndComesBackLoseNothingAndGetNothingTwice() throws Exception {
        Optional<String[]> cluster = Database.throwawayCluster();
        assumeTrue(cluster.isPresent(), "needs the throwaway PostgreSQL of `pg_virtualenv mvn verify`");

        int children = 16;
        int sendingsEach = 6;
        List<Family> families = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            families.add(family(i % 2 == 0 ? a : b, i % 2 == 0 ? a : b));
        }
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        Map<UUID, Set<Integer>> versions = new ConcurrentHashMap<>();
        Map<String, Integer> answersWhileDown = new ConcurrentHashMap<>();
        ExecutorService phones = Executors.newFixedThreadPool(children);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            Family f = families.get(i);
            AppInstance first = i % 2 == 0 ? a : b;
            running.add(phones.submit(() -> {
                for (int s = 0; s < sendingsEach; s++) {
                    String key = UUID.randomUUID().toString();
                    // A phone retries the same sending, with the same key, until the service says it has it,
                    // switching instance as a load balancer would.
                    AppInstance to = first;
                    Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
                    while (true) {
                        Response r;
                        try {
                            r = sendViews(to, f, key, "sending " + s);
                        } catch (RuntimeException e) {
                            r = null;
                        }
                        if (r != null && r.statusCode() == 201) {
                            versions.computeIfAbsent(f.childId, k -> ConcurrentHashMap.newKeySet())
                                    .add(r.jsonPath().getInt("version"));
                            accepted.incrementAndGet();
                            break;
                        }
                        answersWhileDown.merge(r == null ? "no answer" : String.valueOf(r.statusCode()), 1, Integer::sum);
                        if (r != null && r.statusCode() < 500 && r.statusCode() != 429) {
                            unexpected.add(r.statusCode() + " " + r.asString());
                            return;
                        }
                        if (Instant.now().isAfter(giveUp)) {
                            unexpected.add("gave up retrying " + key);
                            return;
                        }
                        retries.incrementAndGet();
                        to = to == a ? b : a;
                        AppInstance.pause(Duration.ofMillis(250));
                    }
                }
            }));
        }
        await("the first views to arrive", Duration.ofSeconds(60), () -> accepted.get() >= children);
        Instant crashed = Instant.now();
        Database.crash(cluster.get());
        // While the database is away, each instance fails Kubernetes' readiness probe (so it stops being sent
        // traffic) and passes its liveness probe (so nothing restarts it).
        for (AppInstance instance : List.of(a, b)) {
            await(instance.name() + " to fail its readiness probe", Duration.ofSeconds(20),
                    instance::readinessProbeFails);
            assertTrue(instance.livenessProbePasses(), instance.name() + " passes its liveness probe");
        }
        AppInstance.pause(Duration.between(Instant.now(), crashed.plusSeconds(3)));
        Database.start(cluster.get());
        phones.shutdown();
        assertTrue(phones.awaitTermination(180, TimeUnit.SECONDS), "the phones finished");
        for (Future<?> f : running) {
            f.get();
        }

        System.out.printf("Through the crash: %d sendings accepted, %d retries, answers while down %s%n",
                accepted.get(), retries.get(), answersWhileDown);
        assertEquals(List.of(), unexpected);
        assertTrue(retries.get() > 0, "the crash really interrupted some sendings");
        // A phone is told to try again later (503, Retry-After), never that MySay itself is broken (500).
        assertTrue(answersWhileDown.getOrDefault("503", 0) > 0, "answers while down: " + answersWhileDown);
        assertEquals(Set.of("503"), answersWhileDown.keySet(), "answers while down: " + answersWhileDown);
        Set<Integer> oneToN = new TreeSet<>();
        for (int v = 1; v <= sendingsEach; v++) {
            oneToN.add(v);
        }
        for (Family f : families) {
            assertEquals(oneToN, new TreeSet<>(versions.get(f.childId)), "each sending answered once, in order");
            assertEquals(sendingsEach, database.count(
                    "select count(*) from views where child_id = ? and status = 'SENT'", f.childId),
                    "every sending stored exactly once");
            assertEquals(sendingsEach, database.count(
                    "select count(*) from idempotency_key k join views v on v.id = k.views_id where v.child_id = ?",
                    f.childId));
            assertEquals(sendingsEach * 2L, database.count(
                    "select count(*) from notification where child_id = ? and kind = 'VIEWS_SENT'", f.childId),
                    "each sending's notifications written with it, once");
        }
        // Both recovered by themselves: ready again, and serving new work.
        for (AppInstance instance : List.of(a, b)) {
            await(instance.name() + " to be ready again", Duration.ofSeconds(30), instance::ready);
        }
        Family after = families.get(0);
        sendViews(a, after, UUID.randomUUID().toString(), "after").then().statusCode(201);
        sendViews(b, after, UUID.randomUUID().toString(), "after, again").then().statusCode(201);
        as(b, chair).get("/api/conferences/" + after.conferenceId + "/children/" + after.childId + "/views")
                .then().statusCode(200);
    }

    @Test
    @Order(6)
    void aRollingRestartUnderLoadLosesNoSendingAndAnswersNothingThePhoneWouldNotRetry() throws Exception {
        int children = 8;
        int sendingsEach = 10;
        List<Family> families = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            families.add(family(i % 2 == 0 ? a : b, i % 2 == 0 ? a : b));
        }
        // What the load balancer sends to: the old instance stays in it for a moment after it is told to stop, as
        // Kubernetes takes a while to take a stopping pod out of its endpoints.
        List<AppInstance> routed = new CopyOnWriteArrayList<>(List.of(a, b));
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger turn = new AtomicInteger();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        Map<String, Integer> retried = new ConcurrentHashMap<>();
        Map<UUID, Set<Integer>> versions = new ConcurrentHashMap<>();
        ExecutorService phones = Executors.newFixedThreadPool(children);
        List<Future<?>> running = new ArrayList<>();
        for (Family f : families) {
            running.add(phones.submit(() -> {
                for (int s = 0; s < sendingsEach; s++) {
                    String key = UUID.randomUUID().toString();
                    Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
                    while (true) {
                        AppInstance to = routed.get(Math.floorMod(turn.getAndIncrement(), routed.size()));
                        Response r;
                        try {
                            r = sendViews(to, f, key, "rolling " + s);
                        } catch (RuntimeException e) {
                            // No answer: the phone keeps the sending and tries again with the same key.
                            retried.merge(e.getCause() instanceof java.net.ConnectException ? "refused" : "cut", 1,
                                    Integer::sum);
                            r = null;
                        }
                        if (r != null && r.statusCode() == 201) {
                            versions.computeIfAbsent(f.childId, k -> ConcurrentHashMap.newKeySet())
                                    .add(r.jsonPath().getInt("version"));
                            accepted.incrementAndGet();
                            break;
                        }
                        if (r != null) {
                            if (r.statusCode() != 503) {
                                unexpected.add(to.name() + " answered " + r.statusCode() + " " + r.asString());
                                return;
                            }
                            retried.merge("503", 1, Integer::sum);
                        }
                        if (Instant.now().isAfter(giveUp)) {
                            unexpected.add("gave up retrying " + key);
                            return;
                        }
                        AppInstance.pause(Duration.ofMillis(100));
                    }
                    AppInstance.pause(Duration.ofMillis(50));
                }
            }));
        }
        await("the first views to arrive", Duration.ofSeconds(60), () -> accepted.get() >= children);

        AppInstance leaving = a;
        Instant stopAsked = Instant.now();
        leaving.askToStop();
        // Straight away it says it is not ready, while it still answers: the load balancer stops sending to it.
        await(leaving.name() + " to fail its readiness probe", Duration.ofSeconds(3), leaving::readinessProbeFails);
        Family probe = families.get(0);
        as(leaving, probe.child.token).get("/api/child/me").then().statusCode(200);
        AppInstance.pause(Duration.between(Instant.now(), stopAsked.plusSeconds(2)));
        routed.remove(leaving);
        a = AppInstance.start("instance-a2", environment).awaitReady(START);
        routed.add(a);
        await(leaving.name() + " to stop by itself", Duration.ofSeconds(30), leaving::stopped);

        phones.shutdown();
        assertTrue(phones.awaitTermination(180, TimeUnit.SECONDS), "the phones finished");
        for (Future<?> f : running) {
            f.get();
        }
        System.out.printf("Through a rolling restart: %d sendings accepted, tried again after %s%n", accepted.get(),
                retried);
        assertEquals(List.of(), unexpected, "every answer was a sending stored, or one the phone tries again");
        assertTrue(leaving.logText().contains("stopped in"), "it stopped as Quarkus does, not killed:\n"
                + leaving.logTail());
        Set<Integer> oneToN = new TreeSet<>();
        for (int v = 1; v <= sendingsEach; v++) {
            oneToN.add(v);
        }
        for (Family f : families) {
            assertEquals(oneToN, new TreeSet<>(versions.get(f.childId)), "each sending answered once, in order");
            assertEquals(sendingsEach, database.count(
                    "select count(*) from views where child_id = ? and status = 'SENT'", f.childId),
                    "every sending stored exactly once");
        }
    }

    // ---- the people and the data, through the API ----

    private record Family(UUID conferenceId, UUID childId, String knownAs, ChildSession child) {
    }

    private record ChildSession(String device, String token) {
    }

    /** A family with one child, their conference with the chair, and the child signed in on a phone. */
    private static Family family(AppInstance invitedOn, AppInstance phoneUses) {
        String knownAs = "Kid" + UUID.randomUUID().toString().substring(0, 8);
        UUID familyId = id(as(invitedOn, socialWorker).body(Map.of("reference", "FAM-" + UUID.randomUUID()))
                .post("/api/families"));
        Map<String, Object> child = new HashMap<>();
        child.put("knownAs", knownAs);
        child.put("ageBand", "AGE_12_TO_15");
        child.put("preferredLanguage", "en");
        child.put("caseReference", "C-" + UUID.randomUUID().toString().substring(0, 8));
        child.put("familyId", familyId);
        UUID childId = id(as(invitedOn, socialWorker).body(child).post("/api/children"));
        UUID conferenceId = id(as(invitedOn, socialWorker).body(Map.of("type", "INITIAL",
                "startsAt", Instant.now().plus(10, ChronoUnit.DAYS).toString(), "attendanceMode", "IN_PERSON",
                "place", "Civic Centre", "chairId", chairId, "childIds", List.of(childId))).post("/api/conferences"));
        String code = as(invitedOn, socialWorker)
                .post("/api/conferences/" + conferenceId + "/children/" + childId + "/invitations")
                .then().statusCode(201).extract().path("code");
        Response redeemed = given().baseUri(phoneUses.url()).contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/api/child/redeem");
        redeemed.then().statusCode(200);
        String device = redeemed.getCookie("mysay_device");
        String token = given().baseUri(invitedOn.url()).contentType(ContentType.JSON).cookie("mysay_device", device)
                .header("X-MySay-Request", "1").body(Map.of("pin", "2580")).post("/api/child/pin")
                .then().statusCode(200).extract().cookie("mysay_session");
        return new Family(conferenceId, childId, knownAs, new ChildSession(device, token));
    }

    private static Response sendViews(AppInstance to, Family f, String key, String words) {
        Map<String, Object> views = Map.of(
                "goodThings", Map.of("text", "Football with my friends, " + words, "parentsMaySee", true),
                "authorship", Map.of("kind", "CHILD"));
        return as(to, f.child.token).header("Idempotency-Key", key).body(views)
                .post("/api/child/conferences/" + f.conferenceId + "/views/send");
    }

    /**
     * A new account, created by the manager through the API. Its holder would set their password through the link
     * e-mailed to them, but the mail server is down until the outage test (and the sender, running every 200 ms, may
     * replace any link a test made): so the test puts the password's hash in, as {@code support/Api} does.
     */
    private static String createStaff(AppInstance on, String managerToken, String role) {
        String email = role.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 8) + "@it.mysay.example";
        String id = as(on, managerToken).body(Map.of("email", email, "displayName", "Staff " + role, "role", role))
                .post("/api/staff").then().statusCode(201).extract().path("id");
        assertEquals(1, database.execute("update staff_account set password_hash = ? where id = ?",
                app.mysay.security.PasswordHasher.hashNow(PASSWORD), UUID.fromString(id)));
        return email;
    }

    private static String signIn(AppInstance on, String email, String password) {
        return signInAttempt(on, email, password).then().statusCode(200).extract().cookie("mysay_session");
    }

    private static Response signInAttempt(AppInstance on, String email, String password) {
        return given().baseUri(on.url()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).post("/api/auth/sign-in");
    }

    private static RequestSpecification as(AppInstance on, String token) {
        return given().baseUri(on.url()).contentType(ContentType.JSON).accept(ContentType.JSON)
                .header("Authorization", "Bearer " + token);
    }

    private static UUID id(Response created) {
        created.then().log().ifValidationFails().statusCode(201);
        return UUID.fromString(created.path("id"));
    }

    private static void await(String what, Duration within, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(within);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what + "\n--- A ---\n" + a.logTail()
                        + "\n--- B ---\n" + b.logTail());
            }
            AppInstance.pause(Duration.ofMillis(200));
        }
    }
}
