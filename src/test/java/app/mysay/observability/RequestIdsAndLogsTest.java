package app.mysay.observability;

import static app.mysay.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Every request has an id, echoed in X-Request-Id and in problem+json, and carried by every log line of the request;
 * and a whole flow, from creating a child to sending views and failing to sign in, logs none of the names, words,
 * e-mail addresses, case references or tokens it handled. The log is read from the JSON file the test profile writes
 * (target/test-logs/mysay.log): the production format, one object per line.
 */
@QuarkusTest
class RequestIdsAndLogsTest {

    static final Path LOG = Path.of("target/test-logs/mysay.log");
    static final ObjectMapper JSON = new ObjectMapper();

    // ---- the id ----

    @Test
    void aPlainIncomingIdIsKeptAndEchoedAlsoInProblems() {
        String id = "edge-" + UUID.randomUUID();
        given().header(RequestIds.HEADER, id).get("/api/children").then().statusCode(401)
                .header(RequestIds.HEADER, id)
                .body("requestId", org.hamcrest.Matchers.equalTo(id));
        given().header(RequestIds.HEADER, id).get("/").then().statusCode(200).header(RequestIds.HEADER, id);
    }

    @Test
    void anyOtherIncomingIdIsReplacedByANewOne() {
        for (String offered : List.of("short", "has spaces in it", "x".repeat(65), "<script>alert(1)</script>",
                "name=jo@example.com", "abc%0d%0aforged")) {
            Response response = given().header(RequestIds.HEADER, offered).get("/api/children");
            String answered = response.header(RequestIds.HEADER);
            assertNotEquals(offered, answered, offered);
            assertTrue(RequestIds.ACCEPTED.matcher(answered).matches(), answered);
            assertEquals(answered, response.path("requestId"), "the problem names the same id");
        }
        String first = given().get("/api/children").header(RequestIds.HEADER);
        String second = given().get("/api/children").header(RequestIds.HEADER);
        assertNotEquals(first, second, "each request its own id");
    }

    // ---- what a whole flow logs ----

    @Test
    void aWholeFlowLogsNoPersonalDataAndEveryLineOfARequestCarriesItsId() throws Exception {
        long start = Files.exists(LOG) ? Files.size(LOG) : 0;
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> sent = new HashMap<>();
        AtomicInteger n = new AtomicInteger();
        Filter tagged = (request, response, ctx) -> {
            String id = "flow-" + run + "-" + n.incrementAndGet();
            request.header(RequestIds.HEADER, id);
            sent.put(id, request.getMethod() + " " + request.getURI());
            return ctx.next(request, response);
        };
        RestAssured.filters(tagged);
        List<String> secrets = new ArrayList<>();
        String wrongSignInId;
        String sendingId;
        String staffPageId;
        try {
            String swName = "Philomena Quartermaine " + run;
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER, swName);
            Staff chair = Api.staff(Role.CHAIR, "Bartholomew Fairweather " + run);
            Staff manager = Api.staff(Role.MANAGER);
            String knownAs = "Zebedee" + run.substring(0, 4);
            String caseReference = "CASE-" + run.toUpperCase(Locale.ROOT);
            String familyReference = "FAMREF-" + run;
            UUID family = UUID.fromString(as(socialWorker).body(Map.of("reference", familyReference))
                    .post("/api/families").then().statusCode(201).extract().path("id"));
            Map<String, Object> child = new HashMap<>();
            child.put("knownAs", knownAs);
            child.put("ageBand", "AGE_8_TO_11");
            child.put("preferredLanguage", "en");
            child.put("caseReference", caseReference);
            child.put("familyId", family);
            UUID childId = UUID.fromString(as(socialWorker).body(child).post("/api/children").then().statusCode(201)
                    .extract().path("id"));
            UUID conferenceId = Api.conference(socialWorker, chair, List.of(childId));
            String code = Api.invite(socialWorker, conferenceId, childId);
            String device = Api.redeem(code);
            String childToken = Api.setPin(device, "2580").then().statusCode(200).extract().cookie("mysay_session");
            Api.childSignIn(device, "9513").then().statusCode(401);

            String good = "Xylophonist" + run;
            String worry = "Quarrelsome" + run + " uncle Ignatius";
            String wish = "Trampoline" + run + " in Aberystwyth";
            Response sending = Api.send(Api.as(childToken), "/api/child/conferences/" + conferenceId + "/views/send",
                    UUID.randomUUID().toString(), Api.views(good, worry, wish));
            sending.then().statusCode(201);
            sendingId = sending.header(RequestIds.HEADER);

            String wrongPassword = "Wrong-Password-" + run;
            Response wrong = given().contentType(ContentType.JSON)
                    .body(Map.of("email", socialWorker.email(), "password", wrongPassword)).post("/api/auth/sign-in");
            wrong.then().statusCode(401);
            wrongSignInId = wrong.header(RequestIds.HEADER);
            String unknownEmail = "nobody-" + run + "@test.mysay.example";
            given().contentType(ContentType.JSON).body(Map.of("email", unknownEmail, "password", wrongPassword + "2"))
                    .post("/api/auth/sign-in").then().statusCode(401);

            // The chair reads the pack; a manager searches the audit trail by case reference (in the query string)
            // and looks for a legal hold (the reference in the path).
            as(chair).get("/api/conferences/" + conferenceId + "/children/" + childId + "/views").then()
                    .statusCode(200);
            as(manager).queryParam("childReference", caseReference).get("/api/audit").then().statusCode(200);
            as(manager).get("/api/legal-holds/" + caseReference);
            // The workspace's page for the conference (the web app, not the API).
            staffPageId = given().get("/staff/conferences/" + conferenceId + "/pack").then().statusCode(200)
                    .extract().header(RequestIds.HEADER);

            secrets.addAll(List.of(swName, chair.email(), socialWorker.email(), manager.email(), unknownEmail,
                    knownAs, caseReference, familyReference, code, device, childToken, socialWorker.token(),
                    chair.token(), manager.token(), good, worry, wish, "Ignatius", "Aberystwyth", wrongPassword,
                    "Bartholomew", "Quartermaine", "Philomena"));
        } finally {
            RestAssured.replaceFiltersWith(new ArrayList<>());
        }

        // The access line is written as the answer ends; wait for the last one.
        String lastId = "flow-" + run + "-" + n.get();
        List<JsonNode> lines = awaitLines(start, lastId);
        String text = lines.toString().toLowerCase(Locale.ROOT);
        for (String secret : secrets) {
            assertFalse(text.contains(secret.toLowerCase(Locale.ROOT)), "the log must not contain " + secret);
        }

        // Each request of the flow has its access line, with its id.
        for (Map.Entry<String, String> request : sent.entrySet()) {
            assertTrue(lines.stream().anyMatch(l -> l.path("loggerName").asText().equals(RequestIds.ACCESS_CATEGORY)
                    && request.getKey().equals(requestId(l))), "no access line for " + request.getValue());
        }
        // Lines written deep in the request (after the database, after hashing on a worker thread) carry its id.
        assertTrue(lines.stream().anyMatch(l -> l.path("message").asText().equals("Sign-in refused: staff_password, wrong")
                && wrongSignInId.equals(requestId(l))), "the refused sign-in's line carries its request id");
        assertTrue(lines.stream().anyMatch(l -> l.path("message").asText().startsWith("Views sent: version 1")
                && sendingId.equals(requestId(l))), "the sending's line carries its request id");
        // Paths are templates: ids and references are not in them, and no query string is.
        assertTrue(lines.stream().anyMatch(l -> l.path("message").asText()
                .startsWith("GET /api/conferences/{conferenceId}/children/{childId}/views 200")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.path("message").asText().startsWith("GET /api/audit 200")));
        assertTrue(lines.stream().anyMatch(l -> l.path("message").asText().startsWith("GET /staff/… 200")
                && staffPageId.equals(requestId(l))), "the app's pages by their first segment");
        // Lines outside any request (the senders' runs) carry none.
        assertTrue(lines.stream().filter(l -> l.path("loggerName").asText().equals(RequestIds.ACCESS_CATEGORY))
                .allMatch(l -> requestId(l) != null));
    }

    static String requestId(JsonNode line) {
        JsonNode id = line.path("mdc").get(RequestIds.MDC_KEY);
        return id == null ? null : id.asText();
    }

    static List<JsonNode> awaitLines(long start, String lastId) throws Exception {
        Instant deadline = Instant.now().plus(10, ChronoUnit.SECONDS);
        while (true) {
            List<JsonNode> lines = linesFrom(start);
            if (lines.stream().anyMatch(l -> lastId.equals(requestId(l))) || Instant.now().isAfter(deadline)) {
                return lines;
            }
            Thread.sleep(100);
        }
    }

    static List<JsonNode> linesFrom(long start) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(LOG.toFile(), "r")) {
            file.seek(Math.min(start, file.length()));
            byte[] bytes = new byte[(int) (file.length() - file.getFilePointer())];
            file.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return lines;
    }
}
