package app.mysay.common;

import static app.mysay.support.Api.as;
import static app.mysay.support.Problems.invalid;
import static app.mysay.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.security.CrossSiteRequestGuard;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** What an outside tester sent that the API must refuse plainly (issue 19, item 5), never with a 500. */
@QuarkusTest
class RequestHardeningTest {

    static final String NUL = "\u0000";

    record Setting(Staff socialWorker, Staff chair, UUID childId, UUID conferenceId) {
        static Setting create() {
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
            Staff chair = Api.staff(Role.CHAIR);
            UUID child = Api.child(socialWorker, "Lee", Api.family(socialWorker), null);
            return new Setting(socialWorker, chair, child, Api.conference(socialWorker, chair, List.of(child)));
        }
    }

    // ---- 5a: a body sent in chunks, with no length, is held to the same limit ----

    static HttpResponse<String> chunked(String method, String path, String token, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                // No length known in advance: the client sends it chunked.
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request,
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aChunkedBodyOverTheLimitIsTooLargeAndASmallOneStillWorks() throws Exception {
        Setting s = Setting.create();
        ChildLogin child = Api.childSignedIn(s.socialWorker(), s.conferenceId(), s.childId());
        String draft = "/api/child/conferences/" + s.conferenceId() + "/views/draft";
        byte[] big = ("{\"goodThings\":{\"text\":\"" + "x".repeat(5 * 1024 * 1024) + "\",\"parentsMaySee\":true}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tooBig = chunked("PUT", draft, child.token(), big);
        assertEquals(413, tooBig.statusCode(), tooBig.body().length() > 300 ? tooBig.body().substring(0, 300) : tooBig.body());
        assertTrue(tooBig.headers().firstValue("Content-Type").orElse("").startsWith(ProblemMapper.PROBLEM_JSON));
        assertTrue(tooBig.body().contains("/problems/too-large"), tooBig.body());

        byte[] small = new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsBytes(Api.views("Football with Sami", "Shouting", "A dog"));
        HttpResponse<String> fine = chunked("PUT", draft, child.token(), small);
        assertEquals(200, fine.statusCode(), fine.body());
        as(child).get("/api/child/conferences/" + s.conferenceId() + "/views").then().statusCode(200)
                .body("draft.goodThings.text", org.hamcrest.Matchers.equalTo("Football with Sami"));
    }

    // ---- 5b: a NUL or another control character is a validation problem wherever text comes in ----

    @Test
    void aControlCharacterInAnyTextIsAValidationProblemNeverAServerError() {
        // Anonymous: the staff sign-in's e-mail address.
        invalid(given().contentType(ContentType.JSON)
                .body(Map.of("email", "a" + NUL + "@test.mysay.example", "password", "whatever it is"))
                .post("/api/auth/sign-in"), "email");
        invalid(given().contentType(ContentType.JSON).body(Map.of("code", "abc" + NUL + "def")).post("/api/child/redeem"),
                "code");

        Setting s = Setting.create();
        // A child's name and case reference.
        Map<String, Object> child = new HashMap<>();
        child.put("knownAs", "Ro" + NUL + "bin");
        child.put("ageBand", "AGE_12_TO_15");
        child.put("caseReference", "C-" + Api.shortId());
        invalid(as(s.socialWorker()).body(child).post("/api/children"), "knownAs");
        child.put("knownAs", "Robin");
        child.put("caseReference", "C-" + NUL + Api.shortId());
        invalid(as(s.socialWorker()).body(child).post("/api/children"), "caseReference");
        child.put("caseReference", "C-\u0007" + Api.shortId());
        invalid(as(s.socialWorker()).body(child).post("/api/children"), "caseReference");

        // A conference's place, in a list of children's ids' neighbour field.
        Map<String, Object> conference = new HashMap<>();
        conference.put("type", "REVIEW");
        conference.put("startsAt", java.time.Instant.now().plus(20, java.time.temporal.ChronoUnit.DAYS).toString());
        conference.put("attendanceMode", "IN_PERSON");
        conference.put("place", "Town Hall" + NUL);
        conference.put("chairId", s.chair().id());
        conference.put("childIds", List.of(s.childId()));
        invalid(as(s.socialWorker()).body(conference).post("/api/conferences"), "place");

        // In a query: the manager's audit search by case reference.
        Staff manager = Api.staff(Role.MANAGER);
        problem(as(manager).queryParam("childReference", "C-" + NUL).get("/api/audit"), 400, "validation");

        // New lines and tabs are words' own characters, and stay allowed.
        child.put("caseReference", "C-" + Api.shortId());
        child.put("communicationNeeds", "Short sentences.\n\tPictures help.");
        as(s.socialWorker()).body(child).post("/api/children").then().statusCode(201);
    }

    // ---- 5c: another child's case reference on an update is a conflict ----

    @Test
    void updatingAChildWithAnotherChildsCaseReferenceIsAConflict() {
        Setting s = Setting.create();
        String taken = "C-" + Api.shortId();
        Map<String, Object> first = new HashMap<>(Map.of("knownAs", "Ash", "ageBand", "AGE_8_TO_11", "caseReference", taken));
        as(s.socialWorker()).body(first).post("/api/children").then().statusCode(201);
        Map<String, Object> second = new HashMap<>(Map.of("knownAs", "Bo", "ageBand", "AGE_8_TO_11",
                "caseReference", "C-" + Api.shortId()));
        String id = as(s.socialWorker()).body(second).post("/api/children").then().statusCode(201).extract().path("id");
        second.put("caseReference", taken);
        problem(as(s.socialWorker()).body(second).put("/api/children/" + id), 409, "conflict");
        as(s.socialWorker()).get("/api/children/" + id).then().statusCode(200)
                .body("caseReference", org.hamcrest.Matchers.not(taken));
    }

    // ---- 5d: a junk Authorization header does not open the cookie's way past the cross-site guard ----

    @Test
    void aCookieSignedInRequestWithAJunkAuthorizationHeaderIsStillCheckedForCrossSite() {
        Setting s = Setting.create();
        Response refused = given().contentType(ContentType.JSON).cookie("mysay_session", s.socialWorker().token())
                .header("Authorization", "Basic anVuazpqdW5r")
                .body(Map.of("knownAs", "Cy", "ageBand", "AGE_8_TO_11", "caseReference", "C-" + Api.shortId()))
                .post("/api/children");
        problem(refused, 403, "csrf");
        Response bearerJunk = given().contentType(ContentType.JSON).cookie("mysay_session", s.socialWorker().token())
                .header("Authorization", "Bearer not-a-token")
                .body(Map.of("knownAs", "Cy", "ageBand", "AGE_8_TO_11", "caseReference", "C-" + Api.shortId()))
                .post("/api/children");
        assertTrue(bearerJunk.statusCode() == 403 || bearerJunk.statusCode() == 401, bearerJunk.asString());
        // The child's device cookie, on a sign-in open to anyone, gains nothing from a junk bearer token either.
        String device = Api.redeem(Api.invite(s.socialWorker(), s.conferenceId(), s.childId()));
        problem(given().contentType(ContentType.JSON).cookie("mysay_device", device)
                .header("Authorization", "Bearer not-a-token").body(Map.of("pin", "2580")).post("/api/child/pin"),
                403, "csrf");
        // The app's own header still lets the cookie through, and a real bearer token (an API client) needs none.
        given().contentType(ContentType.JSON).cookie("mysay_session", s.socialWorker().token())
                .header(CrossSiteRequestGuard.REQUEST_HEADER, "1")
                .body(Map.of("knownAs", "Cy", "ageBand", "AGE_8_TO_11", "caseReference", "C-" + Api.shortId()))
                .post("/api/children").then().statusCode(201);
        as(s.socialWorker()).body(Map.of("knownAs", "Di", "ageBand", "AGE_8_TO_11", "caseReference", "C-" + Api.shortId()))
                .post("/api/children").then().statusCode(201);
    }

    // ---- 5e: the child's sign-in takes JSON only, so a cross-site form cannot post to it ----

    @Test
    void theChildsSignInTakesOnlyJson() {
        Setting s = Setting.create();
        String code = Api.invite(s.socialWorker(), s.conferenceId(), s.childId());
        problem(given().contentType("text/plain").body("{\"code\":\"" + code + "\"}").post("/api/child/redeem"), 415,
                "unsupported-media-type");
        problem(given().contentType("application/x-www-form-urlencoded").body("code=" + code)
                .post("/api/child/redeem"), 415, "unsupported-media-type");
        String device = Api.redeem(code);
        for (String path : List.of("/api/child/pin", "/api/child/sign-in")) {
            problem(given().contentType("text/plain").cookie("mysay_device", device).body("{\"pin\":\"2580\"}")
                    .post(path), 415, "unsupported-media-type");
        }
        problem(given().contentType("text/plain").body("{\"email\":\"a@b.example\",\"password\":\"x\"}")
                .post("/api/auth/sign-in"), 415, "unsupported-media-type");
        Api.setPin(device, "2580").then().statusCode(200);
    }

    // ---- 5f: the session token is in the HttpOnly cookie only, never in a body a script can read ----

    static void assertNoTokenInTheBody(Response response) {
        response.then().statusCode(200);
        String cookie = response.getCookie("mysay_session");
        assertTrue(cookie != null && !cookie.isBlank(), "the session is set as a cookie");
        assertFalse(response.asString().contains(cookie), "the token is in the body: " + response.asString());
        assertFalse(response.asString().contains("\"token\""), response.asString());
    }

    @Test
    void noAnswerCarriesTheSessionTokenInItsBody() {
        Setting s = Setting.create();
        assertNoTokenInTheBody(given().contentType(ContentType.JSON)
                .body(Map.of("email", s.socialWorker().email(), "password", Api.PASSWORD)).post("/api/auth/sign-in"));
        assertNoTokenInTheBody(as(s.socialWorker()).post("/api/auth/refresh"));
        String device = Api.redeem(Api.invite(s.socialWorker(), s.conferenceId(), s.childId()));
        assertNoTokenInTheBody(Api.setPin(device, "2580"));
        assertNoTokenInTheBody(Api.childSignIn(device, "2580"));
    }

    // ---- 5g: junk addresses do not each make a metric ----

    @Test
    void randomNotFoundPathsDoNotFillTheMetricsWithTheirOwnUris() {
        String marker = "junk" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 50; i++) {
            given().get("/api/" + marker + "-" + i + "/x").then().statusCode(404);
            given().get("/q/" + marker + "-" + i).then().statusCode(404);
            given().get("/" + marker + "-" + i + ".php").then().statusCode(org.hamcrest.Matchers.lessThan(500));
        }
        String metrics = Management.metrics();
        assertFalse(metrics.contains(marker), "a junk path became a metric's uri: " + metrics.lines()
                .filter(l -> l.contains(marker)).findFirst().orElse(""));
    }
}
