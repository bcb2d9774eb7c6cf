package app.mysay.flow;

import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditEvent;
import app.mysay.notifications.Notification;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;

/** The whole loop: a social worker invites a child, the child sends views, the chair reads them and the child hears back. */
@QuarkusTest
class CoreFlowTest {

    static final String GOOD = "I like football with my friends on Saturday & my teacher Mrs <b>Khan</b>.";
    static final String WORRIES = "When dad shouts at night I hide under the bed.\nI don't want mum to know I said this.";
    static final String WISHES = "I want everyone to stop shouting and to live with mum and nan.";

    @Test
    void fromInvitationToTheChairsSummaryAndBackToTheChild() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR, "Chris Chair");
        UUID family = Api.family(socialWorker);
        UUID jay = Api.child(socialWorker, "Jay", family, null);
        UUID mia = Api.child(socialWorker, "Mia", family, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(jay, mia));

        // The child opens the invitation on their phone, chooses a PIN and sees their conference.
        ChildLogin child = Api.childSignedIn(socialWorker, conference, jay);
        as(child).get("/api/child/me").then().statusCode(200)
                .body("knownAs", equalTo("Jay"))
                .body("conferences", hasSize(1))
                .body("conferences[0].conferenceId", equalTo(conference.toString()))
                .body("conferences[0].sentVersion", nullValue());

        // A draft first, then the views are sent.
        Map<String, Object> views = Api.views(GOOD, WORRIES, WISHES);
        as(child).body(views).put("/api/child/conferences/" + conference + "/views/draft").then().statusCode(200);
        as(child).get("/api/child/conferences/" + conference + "/views").then().statusCode(200)
                .body("draft.worries.text", equalTo(WORRIES))
                .body("latestSent", nullValue());
        Api.send(as(child), "/api/child/conferences/" + conference + "/views/send", UUID.randomUUID().toString(), views)
                .then().statusCode(201).body("version", equalTo(1));
        as(child).get("/api/child/me").then().body("conferences[0].sentVersion", equalTo(1))
                .body("conferences[0].readByChairAt", nullValue());

        // The chair sees that views arrived, reads them in the child's own words, and says so.
        as(chair).get("/api/conferences").then().statusCode(200)
                .body("find { it.id == '" + conference + "' }.children.find { it.knownAs == 'Jay' }.sentVersion", equalTo(1))
                .body("find { it.id == '" + conference + "' }.children.find { it.knownAs == 'Mia' }.sentVersion", nullValue());
        as(chair).get("/api/conferences/" + conference + "/children/" + jay + "/views").then().statusCode(200)
                .body("latest.content.goodThings.text", equalTo(GOOD))
                .body("latest.content.worries.text", equalTo(WORRIES))
                .body("latest.content.worries.parentsMaySee", equalTo(false))
                .body("latest.content.wishes.text", equalTo(WISHES))
                .body("latest.content.authorship.kind", equalTo("CHILD"));

        String summary = as(chair).accept("text/html").get("/api/conferences/" + conference + "/summary")
                .then().statusCode(200).header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract().asString();
        assertTrue(summary.contains(escaped(GOOD)), "good things verbatim, HTML-escaped");
        assertTrue(summary.contains(escaped(WORRIES)), "worries verbatim");
        assertTrue(summary.contains(escaped(WISHES)), "wishes verbatim");
        assertTrue(summary.contains("Not for parents or carers"), "private parts clearly marked");
        assertTrue(summary.contains("6 out of 10"), "safety scale");
        assertTrue(summary.contains("Talk to the chair before the meeting, by phone"), "how the child wants to take part");
        assertTrue(summary.contains("I would like an advocate"), "advocate request");
        assertTrue(summary.contains("Written by Jay, in Jay&#39;s own words.")
                || summary.contains("Written by Jay, in Jay's own words."), "authorship");
        assertTrue(summary.contains("No views have been sent by or for Mia yet."), "the sibling without views");
        assertTrue(!summary.contains("<b>Khan</b>"), "the child's text is never rendered as markup");

        as(chair).post("/api/conferences/" + conference + "/children/" + jay + "/read").then().statusCode(200)
                .body("version", equalTo(1));
        as(child).get("/api/child/me").then().body("conferences[0].readByChairAt", notNullValue())
                .body("conferences[0].readByChairVersion", equalTo(1))
                .body("conferences[0].chairMessage", nullValue());

        // After the conference the chair records the decision and a message, which the child then sees.
        Api.conferenceHasStarted(conference);
        String message = "Thank you Jay. We read what you wrote. You will have a plan to keep you safe, and your social worker will visit every week.";
        as(chair).body(Map.of("nextReviewDate", java.time.LocalDate.now().plusMonths(3).toString(),
                "children", List.of(
                        Map.of("childId", jay, "planNeeded", true, "category", "EMOTIONAL", "messageForChild", message),
                        Map.of("childId", mia, "planNeeded", false))))
                .put("/api/conferences/" + conference + "/decision").then().statusCode(200)
                .body("status", equalTo("HELD"));
        as(child).get("/api/child/me").then().statusCode(200)
                .body("conferences[0].status", equalTo("HELD"))
                .body("conferences[0].chairMessage", equalTo(message));

        // Every read and write of the child's views is in the audit trail; the chair and social worker were told.
        List<AuditEvent> audit = Api.inSession(() -> AuditEvent.<AuditEvent>list("childId = ?1 order by id", jay));
        List<AuditAction> actions = audit.stream().map(e -> e.action).toList();
        assertTrue(actions.containsAll(List.of(AuditAction.INVITATION_CREATED, AuditAction.INVITATION_REDEEMED,
                AuditAction.CHILD_PIN_SET, AuditAction.VIEWS_DRAFT_SAVED, AuditAction.VIEWS_DRAFT_READ,
                AuditAction.VIEWS_SENT, AuditAction.VIEWS_READ, AuditAction.SUMMARY_READ,
                AuditAction.CHAIR_ACKNOWLEDGED, AuditAction.DECISION_RECORDED)), actions.toString());
        assertTrue(audit.stream().filter(e -> e.action == AuditAction.VIEWS_READ)
                .anyMatch(e -> chair.id().equals(e.actorId) && "CHAIR".equals(e.actorRole)));
        List<Notification> told = Api.inSession(() -> Notification.<Notification>list("childId", jay));
        assertEquals(2, told.size(), "the chair and the social worker, once each");
        assertTrue(told.stream().anyMatch(n -> n.recipientId.equals(chair.id())));
        assertTrue(told.stream().anyMatch(n -> n.recipientId.equals(socialWorker.id())));
    }

    static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
                .replace("\"", "&quot;");
    }
}
