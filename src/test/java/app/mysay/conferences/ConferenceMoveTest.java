package app.mysay.conferences;

import static app.mysay.support.Problems.invalid;
import static app.mysay.support.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditEvent;
import app.mysay.notifications.Notification;
import app.mysay.notifications.NotificationKind;
import app.mysay.notifications.NotificationMail;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 18, item 10: a conference moves to another time (and place) instead of being cancelled and arranged again; the
 * views-due date follows, the chair and the advocate are told without a word of content, and the audit records it.
 */
@QuarkusTest
class ConferenceMoveTest {

    @Inject
    ConferenceService conferences;

    @Test
    void theSocialWorkerMovesAConferenceAndThePeopleAreToldWithoutContent() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff advocate = Api.staff(Role.ADVOCATE);
        UUID child = Api.child(socialWorker, "Moss" + Api.shortId().substring(0, 4), null, advocate.id());
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        String path = "/api/conferences/" + conference + "/time";
        Instant later = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        LocalDate due = conferences.defaultViewsDue(ConferenceType.INITIAL, later);

        Api.as(socialWorker).body(Map.of("startsAt", later.toString(), "attendanceMode", "IN_PERSON",
                "place", "Town Hall, Room 4")).put(path).then().statusCode(200)
                .body("startsAt", equalTo(later.toString()))
                .body("place", equalTo("Town Hall, Room 4"))
                .body("attendanceMode", equalTo("IN_PERSON"))
                .body("viewsDue", equalTo(due.toString()))
                .body("status", equalTo("SCHEDULED"));
        // Read back as stored (the place is encrypted at rest), not as the answer's copy in memory.
        Api.as(chair).get("/api/conferences/" + conference).then().statusCode(200)
                .body("viewsDue", equalTo(due.toString()))
                .body("place", equalTo("Town Hall, Room 4"));

        List<Notification> told = Api.inSession(() -> Notification.<Notification>list(
                "conferenceId = ?1 and kind = ?2", conference, NotificationKind.CONFERENCE_MOVED));
        assertEquals(Set.of(chair.id(), advocate.id()), told.stream().map(n -> n.recipientId).collect(Collectors.toSet()),
                "the chair and the advocate; not the social worker who moved it");
        String mail = NotificationMail.to("someone@test.mysay.example", NotificationKind.CONFERENCE_MOVED,
                "https://mysay.example").getText();
        assertTrue(mail.contains("new date or time"), mail);
        assertFalse(mail.contains("Town Hall"), mail);

        List<AuditEvent> audited = Api.inSession(() -> AuditEvent.<AuditEvent>list("conferenceId = ?1 and action = ?2",
                conference, AuditAction.CONFERENCE_MOVED));
        assertEquals(1, audited.size());
        assertEquals(child, audited.get(0).childId);
        assertEquals(socialWorker.id(), audited.get(0).actorId);

        // A views-due date of their own is kept when it still fits; one after the new day is refused.
        LocalDate ownDue = due.minusDays(3);
        Api.as(socialWorker).body(Map.of("startsAt", later.plus(1, ChronoUnit.DAYS).toString(), "attendanceMode",
                "VIDEO", "viewsDue", ownDue.toString())).put(path).then().statusCode(200)
                .body("viewsDue", equalTo(ownDue.toString()));
        invalid(Api.as(socialWorker).body(Map.of("startsAt", later.toString(), "attendanceMode", "VIDEO",
                "viewsDue", later.atZone(ZoneId.of("Europe/London")).toLocalDate().plusDays(1).toString())).put(path),
                "viewsDue");
        invalid(Api.as(socialWorker).body(Map.of("startsAt", Instant.now().minus(1, ChronoUnit.DAYS).toString(),
                "attendanceMode", "VIDEO")).put(path), "startsAt");
        invalid(Api.as(socialWorker).body(Map.of("startsAt", later.toString(), "attendanceMode", "IN_PERSON"))
                .put(path), "place");

        // Not theirs: as if it did not exist. Not a social worker: refused. Cancelled: it cannot move.
        Staff other = Api.staff(Role.SOCIAL_WORKER);
        problem(Api.as(other).body(Map.of("startsAt", later.toString(), "attendanceMode", "VIDEO")).put(path), 404,
                "not-found");
        Api.as(chair).body(Map.of("startsAt", later.toString(), "attendanceMode", "VIDEO")).put(path).then()
                .statusCode(403);
        Api.as(socialWorker).post("/api/conferences/" + conference + "/cancel").then().statusCode(200);
        problem(Api.as(socialWorker).body(Map.of("startsAt", later.toString(), "attendanceMode", "VIDEO")).put(path),
                409, "conflict");
    }
}
