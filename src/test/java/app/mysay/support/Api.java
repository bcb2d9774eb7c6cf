package app.mysay.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import app.mysay.accounts.StaffAccount;
import app.mysay.invitations.ChildDevice;
import app.mysay.security.CrossSiteRequestGuard;
import app.mysay.security.PasswordHasher;
import app.mysay.security.Role;
import app.mysay.security.Secrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Uni;

/**
 * Builds test situations the way people do, through the API. Only staff accounts are put straight into the
 * database (creating them needs a manager, who needs an account first).
 */
public final class Api {

    public static final String PASSWORD = "correct horse battery staple";
    private static final String PASSWORD_HASH = PasswordHasher.hashNow(PASSWORD);

    public record Staff(UUID id, String email, Role role, String token) {
    }

    public record ChildLogin(UUID childId, String deviceSecret, String token) {
    }

    private Api() {
    }

    public static Staff staff(Role role) {
        return staff(role, role.name().toLowerCase().replace('_', ' ') + " " + UUID.randomUUID().toString().substring(0, 6));
    }

    public static Staff staff(Role role, String displayName) {
        Staff staff = account(role, displayName);
        return new Staff(staff.id(), staff.email(), role, signIn(staff.email()));
    }

    /** A staff account, not signed in (the token is null): for sign-ins that need more than a password. */
    public static Staff account(Role role, String displayName) {
        StaffAccount account = new StaffAccount();
        account.id = UUID.randomUUID();
        account.email = "staff-" + account.id + "@test.mysay.example";
        account.displayName = displayName;
        account.role = role;
        account.passwordHash = PASSWORD_HASH;
        account.enabled = true;
        account.createdAt = Instant.now();
        inTransaction(() -> account.persist());
        return new Staff(account.id, account.email, role, null);
    }

    public static String signIn(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .post("/api/auth/sign-in").then().statusCode(200).extract().cookie("mysay_session");
    }

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    public static RequestSpecification as(Staff staff) {
        return as(staff.token());
    }

    public static RequestSpecification as(ChildLogin child) {
        return as(child.token());
    }

    public static UUID family(Staff socialWorker) {
        return UUID.fromString(as(socialWorker).body(Map.of("reference", "FAM-" + shortId()))
                .post("/api/families").then().statusCode(201).extract().path("id"));
    }

    public static UUID child(Staff socialWorker, String knownAs, UUID familyId, UUID advocateId) {
        return child(socialWorker, knownAs, familyId, advocateId, "en");
    }

    /** A child who prefers another language: "cy" or "ar". */
    public static UUID child(Staff socialWorker, String knownAs, UUID familyId, UUID advocateId, String language) {
        Map<String, Object> body = new HashMap<>();
        body.put("knownAs", knownAs);
        body.put("ageBand", "AGE_8_TO_11");
        body.put("preferredLanguage", language);
        body.put("caseReference", "C-" + shortId());
        body.put("familyId", familyId);
        body.put("advocateId", advocateId);
        return UUID.fromString(as(socialWorker).body(body).post("/api/children").then().statusCode(201).extract().path("id"));
    }

    public static UUID conference(Staff socialWorker, Staff chair, List<UUID> childIds) {
        Map<String, Object> body = Map.of("type", "INITIAL",
                "startsAt", Instant.now().plus(10, ChronoUnit.DAYS).toString(),
                "attendanceMode", "HYBRID", "place", "Civic Centre, Room 2",
                "chairId", chair.id(), "childIds", childIds);
        return UUID.fromString(as(socialWorker).body(body).post("/api/conferences").then().statusCode(201).extract().path("id"));
    }

    /** Invites the child and returns the one-time code. */
    public static String invite(Staff socialWorker, UUID conferenceId, UUID childId) {
        return as(socialWorker).post("/api/conferences/" + conferenceId + "/children/" + childId + "/invitations")
                .then().statusCode(201).extract().path("code");
    }

    /** Redeems the code on a new device and returns that device's secret (its HttpOnly cookie). */
    public static String redeem(String code) {
        Response response = given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/child/redeem");
        response.then().statusCode(200);
        return response.getCookie("mysay_device");
    }

    public static Response setPin(String deviceSecret, String pin) {
        return onDevice(deviceSecret).body(Map.of("pin", pin)).post("/api/child/pin");
    }

    public static Response childSignIn(String deviceSecret, String pin) {
        return onDevice(deviceSecret).body(Map.of("pin", pin)).post("/api/child/sign-in");
    }

    /** As the app calls with the device's cookie: with the header that shows it comes from MySay's own pages. */
    private static RequestSpecification onDevice(String deviceSecret) {
        return given().contentType(ContentType.JSON).cookie("mysay_device", deviceSecret)
                .header(CrossSiteRequestGuard.REQUEST_HEADER, "1");
    }

    /** The id of the device a device secret (its cookie) was bound as: what the social worker's list calls it by. */
    public static UUID deviceId(String deviceSecret) {
        return inSession(() -> ChildDevice.<ChildDevice>find("secretHash", Secrets.sha256(deviceSecret)).firstResult()
                .map(device -> device.id));
    }

    /** The child's social worker resets the PIN of this one device of the child's. */
    public static Response resetPin(Staff socialWorker, UUID childId, String deviceSecret) {
        return as(socialWorker).post("/api/children/" + childId + "/devices/" + deviceId(deviceSecret) + "/pin-reset");
    }

    /** The whole way in for a child: invitation, redeemed on a device, PIN chosen. */
    public static ChildLogin childSignedIn(Staff socialWorker, UUID conferenceId, UUID childId) {
        String device = redeem(invite(socialWorker, conferenceId, childId));
        String token = setPin(device, "2580").then().statusCode(200).extract().cookie("mysay_session");
        return new ChildLogin(childId, device, token);
    }

    /** A complete set of views in a child's own words, as the API takes them. */
    public static Map<String, Object> views(String goodThings, String worries, String wishes) {
        Map<String, Object> views = new HashMap<>();
        views.put("goodThings", Map.of("text", goodThings, "parentsMaySee", true));
        views.put("worries", Map.of("text", worries, "parentsMaySee", false));
        views.put("wishes", Map.of("text", wishes, "parentsMaySee", true));
        views.put("safety", Map.of("score", 6, "parentsMaySee", false));
        views.put("takingPart", Map.of("ways", List.of("COME_TO_PART", "TALK_TO_CHAIR_BEFORE_BY_PHONE"),
                "whoWithMe", "My nan", "parentsMaySee", true));
        views.put("advocate", Map.of("choice", "WANT_ONE", "parentsMaySee", true));
        views.put("questions", Map.of("text", "Will I still see my dad?", "parentsMaySee", false));
        views.put("authorship", Map.of("kind", "CHILD"));
        return views;
    }

    public static Response send(RequestSpecification as, String path, String idempotencyKey, Object body) {
        return as.header("Idempotency-Key", idempotencyKey).body(body).post(path);
    }

    /** Moves a conference's start into the past, as time would. */
    public static void conferenceHasStarted(UUID conferenceId) {
        inTransaction(() -> Panache.getSession().flatMap(s -> s
                .createNativeQuery("update conference set starts_at = now() - interval '1 hour' where id = :id")
                .setParameter("id", conferenceId).executeUpdate()));
    }

    public static <T> T inTransaction(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T inSession(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(work));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    public static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
