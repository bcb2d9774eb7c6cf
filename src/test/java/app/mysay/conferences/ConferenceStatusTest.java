package app.mysay.conferences;

import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;

/** The workspace's status lines: facts about each child's views, never their words, with urgent children first. */
@QuarkusTest
class ConferenceStatusTest {

    /** A child with an allocated advocate shows that advocate, by name, before anything is sent (not "Not known yet"). */
    @Test
    void anAllocatedAdvocateIsNamedInTheChildsStatus() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff advocate = Api.staff(Role.ADVOCATE, "Ada Allocated");
        UUID family = Api.family(socialWorker);
        UUID dee = Api.child(socialWorker, "Dee", family, advocate.id());
        UUID eli = Api.child(socialWorker, "Eli", family, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(dee, eli));
        as(chair).get("/api/conferences/" + conference).then().statusCode(200)
                .body("children.knownAs", contains("Dee", "Eli"))
                .body("children[0].advocate.displayName", equalTo("Ada Allocated"))
                .body("children[0].advocate.id", equalTo(advocate.id().toString()))
                .body("children[1].advocate", nullValue());
    }

    @Test
    void eachChildsStatusSaysWhereTheirViewsStandAndFlagsWhatNeedsAttention() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID family = Api.family(socialWorker);
        UUID ann = Api.child(socialWorker, "Ann", family, null);
        UUID ben = Api.child(socialWorker, "Ben", family, null);
        UUID cy = Api.child(socialWorker, "Cy", family, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(ann, ben, cy));
        String path = "/api/conferences/" + conference;

        as(socialWorker).get(path).then().statusCode(200)
                .body("urgent", equalTo(false))
                .body("children.knownAs", contains("Ann", "Ben", "Cy"))
                .body("children[0].invitation", nullValue())
                .body("children[0].draftStarted", equalTo(false))
                .body("children[0].attention", contains("NOT_INVITED"));

        // Ann sends views low on the safety scale and wanting to talk to the chair first.
        ChildLogin annLogin = Api.childSignedIn(socialWorker, conference, ann);
        Map<String, Object> views = Api.views("Drawing with my sister.", "Nobody listens at home.", "To stay at my school.");
        views.put("safety", Map.of("score", 3, "parentsMaySee", false));
        Api.send(as(annLogin), "/api/child/conferences/" + conference + "/views/send", UUID.randomUUID().toString(), views)
                .then().statusCode(201);
        // Ben has started but not sent; Cy was invited but has not opened the link.
        ChildLogin benLogin = Api.childSignedIn(socialWorker, conference, ben);
        as(benLogin).body(Api.views("Lego.", "", "")).put("/api/child/conferences/" + conference + "/views/draft")
                .then().statusCode(200);
        Api.invite(socialWorker, conference, cy);

        String body = as(chair).get(path).then().statusCode(200)
                .body("urgent", equalTo(true))
                .body("children.knownAs", contains("Ann", "Ben", "Cy"))
                .body("children[0].urgent", equalTo(true))
                .body("children[0].invitation", equalTo("REDEEMED"))
                .body("children[0].sentVersion", equalTo(1))
                .body("children[0].authorship", equalTo("CHILD"))
                .body("children[0].wantsToAttend", equalTo(true))
                .body("children[0].advocateChoice", equalTo("WANT_ONE"))
                .body("children[0].wantsToTalkToChairFirst", equalTo(true))
                .body("children[0].takingPartWays", containsInAnyOrder("COME_TO_PART", "TALK_TO_CHAIR_BEFORE_BY_PHONE"))
                .body("children[0].attention", contains("LOW_SAFETY_SCORE", "WANTS_TO_TALK_TO_CHAIR_FIRST",
                        "WANTS_AN_ADVOCATE", "UNREAD_BY_CHAIR"))
                .body("children[1].draftStarted", equalTo(true))
                .body("children[1].sentVersion", nullValue())
                .body("children[1].wantsToAttend", nullValue())
                .body("children[1].attention", empty())
                .body("children[2].invitation", equalTo("OPEN"))
                .body("children[2].attention", empty())
                .extract().asString();
        for (String words : List.of("Drawing with my sister", "Nobody listens", "To stay at my school", "Lego", "My nan",
                "Will I still see my dad")) {
            assertFalse(body.contains(words), "the status carries no words: " + words);
        }

        // Once the chair has read the newest version, it no longer asks for attention as unread.
        as(chair).post(path + "/children/" + ann + "/read").then().statusCode(200);
        as(socialWorker).get(path).then()
                .body("children[0].attention", not(org.hamcrest.Matchers.hasItem("UNREAD_BY_CHAIR")))
                .body("children[0].chairReadVersion", equalTo(1));

        // Five wrong PINs lock Ben's device: the social worker sees it, and it clears when they reset his PIN.
        for (int i = 0; i < 5; i++) {
            Api.childSignIn(benLogin.deviceSecret(), "1357");
        }
        as(socialWorker).get(path).then()
                .body("children.find { it.knownAs == 'Ben' }.deviceLocked", equalTo(true))
                .body("children.find { it.knownAs == 'Ben' }.attention", contains("DEVICE_LOCKED"));
        Api.resetPin(socialWorker, ben, benLogin.deviceSecret()).then().statusCode(200);
        as(socialWorker).get(path).then()
                .body("children.find { it.knownAs == 'Ben' }.deviceLocked", equalTo(false));
    }

    @Test
    void theInvitationCarriesItsLinkAsAQrCode() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Dee", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        as(socialWorker).post("/api/conferences/" + conference + "/children/" + child + "/invitations").then()
                .statusCode(201)
                // Version 3 at medium error correction is 29 modules, plus a quiet zone of 4 on each side.
                .body("qrCode.size", org.hamcrest.Matchers.greaterThanOrEqualTo(37))
                .body("qrCode.path", org.hamcrest.Matchers.matchesPattern("(M\\d+,\\d+h1v1h-1z)+"));
    }

    @Test
    void thePackCanBeAskedForByFormatInALinkAndAnUnknownFormatIsRefused() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Eve", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        String summary = "/api/conferences/" + conference + "/summary";
        as(chair).accept("text/html").get(summary + "?format=pdf").then().statusCode(200)
                .contentType("application/pdf");
        as(chair).accept("text/html").get(summary + "?format=json").then().statusCode(200)
                .contentType("application/json").body("conferenceId", equalTo(conference.toString()));
        as(chair).get(summary + "?format=docx").then().statusCode(400)
                .contentType("application/problem+json")
                .body("invalidParams[0].name", equalTo("format"));
    }
}
