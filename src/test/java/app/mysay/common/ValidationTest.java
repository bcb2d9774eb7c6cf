package app.mysay.common;

import static app.mysay.support.Api.as;
import static app.mysay.support.Problems.invalid;
import static app.mysay.support.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every refusal is RFC 9457 problem+json that says which answer to change, and a refused request changes nothing.
 */
@QuarkusTest
class ValidationTest {

    static final String GOOD = "Swimming on Tuesdays with my brother.";
    static final String WORRIES = "I don't like it when the police come.";
    static final String WISHES = "I want my own room.";

    record Setting(Staff socialWorker, Staff chair, UUID family, UUID childId, UUID conferenceId) {
        static Setting create() {
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
            Staff chair = Api.staff(Role.CHAIR);
            UUID family = Api.family(socialWorker);
            UUID child = Api.child(socialWorker, "Lee", family, null);
            UUID conference = Api.conference(socialWorker, chair, List.of(child));
            return new Setting(socialWorker, chair, family, child, conference);
        }

        ChildLogin child() {
            return Api.childSignedIn(socialWorker, conferenceId, childId);
        }

        String draft() {
            return "/api/child/conferences/" + conferenceId + "/views/draft";
        }
    }

    static Map<String, Object> childDetails(String caseReference) {
        Map<String, Object> body = new HashMap<>();
        body.put("knownAs", "Robin");
        body.put("ageBand", "AGE_12_TO_15");
        body.put("caseReference", caseReference);
        return body;
    }

    static Map<String, Object> conference(Staff chair, List<UUID> children) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "REVIEW");
        body.put("startsAt", Instant.now().plus(20, ChronoUnit.DAYS).toString());
        body.put("attendanceMode", "IN_PERSON");
        body.put("place", "Town Hall, Room 4");
        body.put("chairId", chair.id());
        body.put("childIds", children);
        return body;
    }

    // ---- the child's views ----

    @Test
    void aTooLongAnswerIsRefusedAndTheDraftAlreadySavedIsNotLost() {
        Setting s = Setting.create();
        ChildLogin child = s.child();
        String savedAt = as(child).body(Api.views(GOOD, WORRIES, WISHES)).put(s.draft()).then().statusCode(200)
                .extract().path("savedAt");
        String views = "/api/child/conferences/" + s.conferenceId() + "/views";
        as(child).get(views).then().statusCode(200).body("draftSavedAt", equalTo(savedAt));

        Response tooLong = as(child).body(Api.views("x".repeat(4001), "changed worries", "changed wishes")).put(s.draft());
        invalid(tooLong, "goodThings.text").body("invalidParams[0].reason", containsString("4000"))
                .body("instance", equalTo(s.draft()));

        // Nothing already saved is lost, and nothing of the refused draft was kept.
        as(child).get(views).then().statusCode(200)
                .body("draftSavedAt", equalTo(savedAt))
                .body("draft.goodThings.text", equalTo(GOOD))
                .body("draft.worries.text", equalTo(WORRIES))
                .body("draft.wishes.text", equalTo(WISHES))
                .body("draft.safety.score", equalTo(6))
                .body("latestSent", nullValue());

        // 4000 characters is the limit, and is accepted.
        as(child).body(Api.views("x".repeat(4000), WORRIES, WISHES)).put(s.draft()).then().statusCode(200);
        as(child).get(views).then().body("draft.goodThings.text.length()", equalTo(4000));
    }

    @Test
    void aSafetyScoreAboveTenIsRefused() {
        Setting s = Setting.create();
        ChildLogin child = s.child();
        Map<String, Object> views = Api.views(GOOD, WORRIES, WISHES);
        views.put("safety", Map.of("score", 11, "parentsMaySee", false));
        invalid(as(child).body(views).put(s.draft()), "safety.score");
        views.put("safety", Map.of("score", -1, "parentsMaySee", false));
        invalid(as(child).body(views).put(s.draft()), "safety.score");
        views.put("safety", Map.of("score", 10, "parentsMaySee", false));
        as(child).body(views).put(s.draft()).then().statusCode(200);
    }

    @Test
    void anUnknownWayOfTakingPartIsRefused() {
        Setting s = Setting.create();
        ChildLogin child = s.child();
        Map<String, Object> views = Api.views(GOOD, WORRIES, WISHES);
        views.put("takingPart", Map.of("ways", List.of("COME_TO_PART", "BRING_MY_DOG"), "parentsMaySee", true));
        invalid(as(child).body(views).put(s.draft()), "takingPart.ways[1]");
        as(child).get("/api/child/conferences/" + s.conferenceId() + "/views").then().body("draft", nullValue());
    }

    @Test
    void aFieldTheRequestDoesNotHaveIsRefusedNotIgnored() {
        Setting s = Setting.create();
        ChildLogin child = s.child();
        Map<String, Object> views = Api.views(GOOD, WORRIES, WISHES);
        views.put("favouriteColour", "blue");
        invalid(as(child).body(views).put(s.draft()), "favouriteColour");

        // A misspelt field would otherwise silently lose what the child wrote.
        Map<String, Object> misspelt = Api.views(GOOD, WORRIES, WISHES);
        misspelt.put("wishs", misspelt.remove("wishes"));
        invalid(as(child).body(misspelt).put(s.draft()), "wishs");
        as(child).get("/api/child/conferences/" + s.conferenceId() + "/views").then().body("draft", nullValue());
    }

    @Test
    void malformedJsonIsRefusedAsAProblem() {
        Setting s = Setting.create();
        ChildLogin child = s.child();
        problem(as(child).body("{\"goodThings\": {\"text\": \"unfinished").put(s.draft()), 400, "bad-request")
                .body("detail", containsString("JSON"));
        problem(as(child).body("[1, 2, 3]").put(s.draft()), 400, "bad-request");
    }

    @Test
    void aMissingBodyIsRefused() {
        Setting s = Setting.create();
        ChildLogin child = s.child();
        invalid(as(child).put(s.draft()), "content");
        invalid(as(s.socialWorker()).post("/api/children"), "details");
    }

    // ---- children ----

    @Test
    void aChildNeedsADateOfBirthOrAnAgeBand() {
        Setting s = Setting.create();
        Map<String, Object> body = childDetails("C-" + Api.shortId());
        body.remove("ageBand");
        invalid(as(s.socialWorker()).body(body).post("/api/children"), "dateOfBirth");
        as(s.socialWorker()).get("/api/children").then().statusCode(200).body("knownAs", contains("Lee"));
    }

    @Test
    void aDateOfBirthInTheFutureIsRefused() {
        Setting s = Setting.create();
        Map<String, Object> body = childDetails("C-" + Api.shortId());
        body.put("dateOfBirth", LocalDate.now().plusDays(1).toString());
        invalid(as(s.socialWorker()).body(body).post("/api/children"), "dateOfBirth");
        as(s.socialWorker()).get("/api/children").then().statusCode(200).body("knownAs", contains("Lee"));
    }

    @Test
    void aCaseReferenceAlreadyUsedIsAConflict() {
        Setting s = Setting.create();
        String reference = "C-" + Api.shortId();
        as(s.socialWorker()).body(childDetails(reference)).post("/api/children").then().statusCode(201);
        Staff other = Api.staff(Role.SOCIAL_WORKER);
        problem(as(other).body(childDetails(reference)).post("/api/children"), 409, "conflict");
        as(other).get("/api/children").then().statusCode(200).body("$", empty());
    }

    // ---- conferences ----

    @Test
    void anInPersonConferenceNeedsAPlace() {
        Setting s = Setting.create();
        Map<String, Object> body = conference(s.chair(), List.of(s.childId()));
        body.remove("place");
        invalid(as(s.socialWorker()).body(body).post("/api/conferences"), "place");
        body.put("place", "   ");
        invalid(as(s.socialWorker()).body(body).post("/api/conferences"), "place");
        as(s.socialWorker()).get("/api/conferences").then().statusCode(200)
                .body("id", contains(s.conferenceId().toString()));
    }

    @Test
    void aConferenceChairMustBeAChair() {
        Setting s = Setting.create();
        Staff advocate = Api.staff(Role.ADVOCATE);
        invalid(as(s.socialWorker()).body(conference(advocate, List.of(s.childId()))).post("/api/conferences"), "chairId");
        invalid(as(s.socialWorker()).body(conference(s.socialWorker(), List.of(s.childId()))).post("/api/conferences"),
                "chairId");
        as(s.socialWorker()).get("/api/conferences").then().statusCode(200)
                .body("id", contains(s.conferenceId().toString()));
    }

    @Test
    void aConferenceCanOnlyCoverChildrenAllocatedToTheCaller() {
        Setting s = Setting.create();
        Setting other = Setting.create();
        invalid(as(s.socialWorker()).body(conference(s.chair(), List.of(s.childId(), other.childId())))
                .post("/api/conferences"), "childIds");
        invalid(as(s.socialWorker()).body(conference(s.chair(), List.of(UUID.randomUUID()))).post("/api/conferences"),
                "childIds");
        as(s.socialWorker()).get("/api/conferences").then().statusCode(200)
                .body("id", contains(s.conferenceId().toString()));
    }

    // ---- decisions ----

    @Test
    void aDecisionCannotBeRecordedBeforeTheConferenceStarts() {
        Setting s = Setting.create();
        Map<String, Object> decision = Map.of("children", List.of(Map.of("childId", s.childId(), "planNeeded", false)));
        problem(as(s.chair()).body(decision).put("/api/conferences/" + s.conferenceId() + "/decision"), 409, "conflict");
        as(s.chair()).get("/api/conferences/" + s.conferenceId()).then().statusCode(200)
                .body("status", equalTo("SCHEDULED"));
    }

    @Test
    void aDecisionWithAPlanNeedsACategory() {
        Setting s = Setting.create();
        Api.conferenceHasStarted(s.conferenceId());
        Map<String, Object> decision = Map.of("nextReviewDate", LocalDate.now().plusMonths(3).toString(),
                "children", List.of(Map.of("childId", s.childId(), "planNeeded", true)));
        invalid(as(s.chair()).body(decision).put("/api/conferences/" + s.conferenceId() + "/decision"),
                "children[0].category");
        as(s.chair()).get("/api/conferences/" + s.conferenceId()).then().statusCode(200)
                .body("status", equalTo("SCHEDULED"))
                .body("children[0].planNeeded", nullValue());
    }

    @Test
    void aDecisionMustCoverEveryChild() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID family = Api.family(socialWorker);
        UUID ash = Api.child(socialWorker, "Ash", family, null);
        UUID bo = Api.child(socialWorker, "Bo", family, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(ash, bo));
        Api.conferenceHasStarted(conference);

        Map<String, Object> decision = Map.of("children", List.of(Map.of("childId", ash, "planNeeded", false)));
        invalid(as(chair).body(decision).put("/api/conferences/" + conference + "/decision"), "children");
        Map<String, Object> noChildId = Map.of("children", List.of(Map.of("planNeeded", false)));
        invalid(as(chair).body(noChildId).put("/api/conferences/" + conference + "/decision"), "children[0].childId");
        as(chair).get("/api/conferences/" + conference).then().statusCode(200).body("status", equalTo("SCHEDULED"));
    }

    // ---- addresses and methods ----

    @Test
    void anUnknownAddressUnderTheApiIsANotFoundProblem() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        problem(as(socialWorker).get("/api/no-such-thing"), 404, "not-found");
        problem(as(socialWorker).get("/api/conferences/" + UUID.randomUUID() + "/no-such-thing"), 404, "not-found");
        problem(Api.as("not-a-token").get("/api/no-such-thing/at/all"), 404, "not-found");
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblem() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        problem(as(socialWorker).delete("/api/conferences"), 405, "method-not-allowed");
        problem(as(socialWorker).get("/api/child/redeem"), 405, "method-not-allowed");
        problem(as(socialWorker).body(Map.of()).put("/api/families"), 405, "method-not-allowed");
    }
}
