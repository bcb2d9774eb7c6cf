package app.mysay.conferences;

import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The decision itself reaches the child as facts (plan or not, the review date), not only if the chair writes them in
 * the message; and the chair deciding knows which language the child reads.
 */
@QuarkusTest
class DecisionReachesTheChildTest {

    @Test
    void theChildSeesThePlanAndTheReviewDateAndTheChairSeesTheChildsLanguage() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID family = Api.family(socialWorker);
        UUID amira = Api.child(socialWorker, "Amira", family, null, "ar");
        UUID sami = Api.child(socialWorker, "Sami", family, null, "cy");
        UUID conference = Api.conference(socialWorker, chair, List.of(amira, sami));
        ChildLogin child = Api.childSignedIn(socialWorker, conference, amira);
        ChildLogin brother = Api.childSignedIn(socialWorker, conference, sami);

        as(chair).get("/api/conferences/" + conference).then().statusCode(200)
                .body("children.find { it.knownAs == 'Amira' }.preferredLanguage", equalTo("ar"))
                .body("children.find { it.knownAs == 'Sami' }.preferredLanguage", equalTo("cy"));

        // Before the conference nothing is decided.
        as(child).get("/api/child/me").then().statusCode(200)
                .body("conferences[0].planNeeded", nullValue())
                .body("conferences[0].nextReviewDate", nullValue());

        Api.conferenceHasStarted(conference);
        LocalDate review = LocalDate.now().plusMonths(3);
        as(chair).body(Map.of("nextReviewDate", review.toString(), "children", List.of(
                Map.of("childId", amira, "planNeeded", true, "category", "PHYSICAL"),
                Map.of("childId", sami, "planNeeded", false))))
                .put("/api/conferences/" + conference + "/decision").then().statusCode(200);

        // No message was written, yet each child is told what was decided, and when the review is.
        as(child).get("/api/child/me").then().statusCode(200)
                .body("conferences[0].chairMessage", nullValue())
                .body("conferences[0].planNeeded", equalTo(true))
                .body("conferences[0].nextReviewDate", equalTo(review.toString()))
                // the category is for the professionals' record, not put to the child as a label
                .body("conferences[0].harmCategory", nullValue());
        as(brother).get("/api/child/me").then().statusCode(200)
                .body("conferences[0].planNeeded", equalTo(false))
                // a review conference is about a plan: a child without one is not given its date
                .body("conferences[0].nextReviewDate", nullValue());
    }
}
