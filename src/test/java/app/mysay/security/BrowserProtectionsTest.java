package app.mysay.security;

import static app.mysay.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * What browsers are told to enforce, on every kind of answer; what may be kept; what is forgotten on signing out; and
 * the second defence against other sites using MySay's cookies.
 */
@QuarkusTest
class BrowserProtectionsTest {

    /** blob: only for pictures and voice notes the app has fetched (one audited fetch each) and plays or shows. */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "media-src 'self' blob:; connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @ConfigProperty(name = "mysay.public-url")
    String publicUrl;

    Staff socialWorker;
    Staff chair;
    UUID conferenceId;
    UUID childId;

    @BeforeEach
    void setUp() {
        socialWorker = Api.staff(Role.SOCIAL_WORKER);
        chair = Api.staff(Role.CHAIR);
        childId = Api.child(socialWorker, "Kit", Api.family(socialWorker), null);
        conferenceId = Api.conference(socialWorker, chair, List.of(childId));
    }

    // ---- every kind of answer ----

    @Test
    void apiAnswersAndTheirErrorsCarryEveryProtectionAndAreNeverStored() {
        ChildLogin child = Api.childSignedIn(socialWorker, conferenceId, childId);
        Map<String, Response> answers = Map.of(
                "API JSON", Api.as(socialWorker).get("/api/children"),
                "401", given().get("/api/children"),
                "403", Api.as(child).get("/api/children"),
                "404", Api.as(socialWorker).get("/api/conferences/" + UUID.randomUUID()),
                "404 no such address", Api.as(socialWorker).get("/api/no-such-thing"),
                "405", Api.as(socialWorker).delete("/api/auth/me"));
        Map<String, Integer> statuses = Map.of("API JSON", 200, "401", 401, "403", 403, "404", 404,
                "404 no such address", 404, "405", 405);
        answers.forEach((kind, response) -> {
            assertEquals(statuses.get(kind), response.statusCode(), kind);
            protectedAnswer(response, kind);
            assertEquals("no-store", response.header("Cache-Control"), kind);
            if (!kind.equals("API JSON")) {
                response.then().contentType(startsWith("application/problem+json"));
            }
        });
    }

    @Test
    void theAppsPagesAndFilesCarryEveryProtection() {
        Response shell = given().get("/");
        protectedAnswer(shell.then().statusCode(200).extract().response(), "the child's app");
        assertEquals("no-cache", shell.header("Cache-Control"), "the child's app shell keeps being checked");

        String asset = shell.asString().replaceAll("(?s).*<script type=\"module\"[^>]*src=\"(/assets/[^\"]+)\".*", "$1");
        Response script = given().get(asset).then().statusCode(200).extract().response();
        protectedAnswer(script, "a hashed asset");
        assertEquals("public, max-age=31536000, immutable", script.header("Cache-Control"));

        Response worker = given().get("/sw.js").then().statusCode(200).extract().response();
        protectedAnswer(worker, "the service worker");
        assertEquals("no-cache", worker.header("Cache-Control"));

        for (String staffPage : List.of("/staff", "/staff/conferences/x")) {
            Response page = given().get(staffPage).then().statusCode(200)
                    .body(containsString("<title>MySay</title>")).extract().response();
            protectedAnswer(page, staffPage);
            assertEquals("no-store", page.header("Cache-Control"), staffPage + " is opened on shared computers");
        }

        protectedAnswer(given().get("/manifest.json").then().statusCode(200).extract().response(), "the manifest");
        // The health checks are on the management port, not here; what Vert.x answers instead is protected too.
        protectedAnswer(given().get("/q/health").then().statusCode(404).extract().response(), "a 404 outside the API");
    }

    @Test
    void theAppsPageNeedsNoInlineScriptOrStyle() {
        String html = given().get("/").asString();
        assertEquals(List.of(), html.lines().filter(line -> line.contains("<script") && !line.contains(" src=")).toList());
        assertEquals(List.of(), html.lines().filter(line -> line.contains("<style") || line.contains(" style=")).toList());
    }

    @Test
    void theConferencePackKeepsItsOwnStricterPolicyAndItsPdfIsProtectedToo() {
        Response html = Api.as(chair).accept(ContentType.HTML).get(summary()).then().statusCode(200).extract().response();
        protectedAnswer(html, "the printable pack", false);
        List<String> policies = html.headers().getValues("Content-Security-Policy");
        assertEquals(1, policies.size(), "one policy, the pack's own: " + policies);
        html.then().header("Content-Security-Policy", startsWith("default-src 'none'; style-src 'sha256-"));

        Response pdf = Api.as(chair).accept("application/pdf").get(summary()).then().statusCode(200)
                .contentType("application/pdf").extract().response();
        protectedAnswer(pdf, "the pack's PDF");
        assertEquals("no-store", pdf.header("Cache-Control"));
    }

    // ---- signing out ----

    @Test
    void signingOutTellsTheBrowserWhatToForget() {
        // Signing out ends every session of the account, so these are accounts of their own, not the shared ones.
        ChildLogin child = Api.childSignedIn(socialWorker, conferenceId, childId);
        assertEquals("\"cache\", \"storage\"", signOut(Api.staff(Role.SOCIAL_WORKER).token()).header("Clear-Site-Data"),
                "staff who keep nothing on the device: cache and storage");
        assertEquals("\"cache\", \"storage\"", signOut(Api.staff(Role.CHAIR).token()).header("Clear-Site-Data"));
        assertEquals("\"cache\"", signOut(Api.staff(Role.ADVOCATE).token()).header("Clear-Site-Data"),
                "an advocate's drafts and unsent views stay on the device");
        assertEquals("\"cache\"", signOut(child.token()).header("Clear-Site-Data"),
                "a child's drafts and unsent views stay on the device");
        assertEquals("\"cache\"", signOut("not-a-token").header("Clear-Site-Data"),
                "an ended session still signs out");
        assertEquals("\"cache\"", given().post("/api/auth/sign-out").then().statusCode(204).extract()
                .header("Clear-Site-Data"));
    }

    private static Response signOut(String token) {
        return withCookie(token).header(CrossSiteRequestGuard.REQUEST_HEADER, "1").post("/api/auth/sign-out")
                .then().statusCode(204).extract().response();
    }

    // ---- other sites using MySay's cookies ----

    @Test
    void aChangeCarriedByTheCookieMustShowItComesFromMySay() {
        String token = socialWorker.token();
        problem(withCookie(token).post("/api/auth/refresh"), 403, "csrf");
        problem(withCookie(token).header("Origin", "https://elsewhere.example").post("/api/auth/refresh"), 403, "csrf");
        problem(withCookie(token).header("Sec-Fetch-Site", "cross-site").post("/api/auth/refresh"), 403, "csrf");
        problem(withCookie(token).header("Sec-Fetch-Site", "same-site").post("/api/auth/refresh"), 403, "csrf");
        problem(withCookie(token).body(Map.of("reference", "FAM-" + Api.shortId())).post("/api/families"), 403, "csrf");
        protectedAnswer(withCookie(token).post("/api/auth/refresh"), "a refusal");

        withCookie(token).header(CrossSiteRequestGuard.REQUEST_HEADER, "1").post("/api/auth/refresh")
                .then().statusCode(200);
        withCookie(token).header("Sec-Fetch-Site", "same-origin").post("/api/auth/refresh").then().statusCode(200);
        withCookie(token).header("Origin", publicUrl.replaceAll("/+$", "")).post("/api/auth/refresh")
                .then().statusCode(200);
        withCookie(token).get("/api/auth/me").then().statusCode(200);
        Api.as(socialWorker).post("/api/auth/refresh").then().statusCode(200);
        Api.as(socialWorker).body(Map.of("reference", "FAM-" + Api.shortId())).post("/api/families")
                .then().statusCode(201);
    }

    @Test
    void theChildsDeviceCookieIsGuardedToo() {
        String device = Api.redeem(Api.invite(socialWorker, conferenceId, childId));
        problem(given().contentType(ContentType.JSON).cookie("mysay_device", device).body(Map.of("pin", "2580"))
                .post("/api/child/pin"), 403, "csrf");
        Api.setPin(device, "2580").then().statusCode(200);
    }

    // ---- helpers ----

    private String summary() {
        return "/api/conferences/" + conferenceId + "/summary";
    }

    private static RequestSpecification withCookie(String token) {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON).cookie(TokenVerification.SESSION_COOKIE, token);
    }

    private static void protectedAnswer(Response response, String kind) {
        protectedAnswer(response, kind, true);
    }

    private static void protectedAnswer(Response response, String kind, boolean appPolicy) {
        if (appPolicy) {
            assertEquals(List.of(POLICY), response.headers().getValues("Content-Security-Policy"), kind);
        }
        assertEquals(List.of("max-age=31536000; includeSubDomains"),
                response.headers().getValues("Strict-Transport-Security"), kind);
        assertEquals(List.of("no-referrer"), response.headers().getValues("Referrer-Policy"), kind);
        assertEquals(List.of("nosniff"), response.headers().getValues("X-Content-Type-Options"), kind);
        assertEquals(List.of(BrowserProtections.PERMISSIONS_POLICY), response.headers().getValues("Permissions-Policy"),
                kind);
        response.then().header("Permissions-Policy", allOf(
                containsString("camera=()"), containsString("geolocation=()"),
                containsString("microphone=(self)")));
        assertEquals(List.of("same-origin"), response.headers().getValues("Cross-Origin-Opener-Policy"), kind);
        assertEquals(List.of("DENY"), response.headers().getValues("X-Frame-Options"), kind);
    }
}
