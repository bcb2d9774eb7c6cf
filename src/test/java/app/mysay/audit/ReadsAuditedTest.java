package app.mysay.audit;

import static app.mysay.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reading a child's record (alone, in a list, in a family) and where a conference stands for a child (alone or in a
 * list) leaves a record in the audit trail, one per child shown, as reading the child's words does; a refused read
 * (404) leaves none.
 */
@QuarkusTest
class ReadsAuditedTest {

    @Test
    void readingAChildsRecordIsAudited() {
        Staff sw = Api.staff(Role.SOCIAL_WORKER);
        Staff stranger = Api.staff(Role.SOCIAL_WORKER);
        UUID family = Api.family(sw);
        UUID child = Api.child(sw, "Gus-" + Api.shortId(), family, null);

        as(sw).get("/api/children/" + child).then().statusCode(200);
        assertEquals(1, reads(sw, AuditAction.CHILD_READ, child), "GET /api/children/{id}");
        as(sw).get("/api/children").then().statusCode(200);
        assertEquals(2, reads(sw, AuditAction.CHILD_READ, child), "GET /api/children");
        as(sw).get("/api/families/" + family).then().statusCode(200);
        assertEquals(3, reads(sw, AuditAction.CHILD_READ, child), "GET /api/families/{id}");
        as(sw).get("/api/families").then().statusCode(200);
        assertEquals(4, reads(sw, AuditAction.CHILD_READ, child), "GET /api/families");

        as(stranger).get("/api/children/" + child).then().statusCode(404);
        assertEquals(0, reads(stranger, AuditAction.CHILD_READ, child), "a refused read is not a read");
    }

    @Test
    void readingWhereAConferenceStandsIsAuditedForEachChildShown() {
        Staff sw = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff otherChair = Api.staff(Role.CHAIR);
        UUID family = Api.family(sw);
        UUID ivy = Api.child(sw, "Ivy-" + Api.shortId(), family, null);
        UUID jo = Api.child(sw, "Jo-" + Api.shortId(), family, null);
        UUID conference = Api.conference(sw, chair, List.of(ivy, jo));

        as(chair).get("/api/conferences/" + conference).then().statusCode(200);
        assertEquals(1, reads(chair, AuditAction.STATUS_READ, ivy, conference), "GET /api/conferences/{id}, Ivy");
        assertEquals(1, reads(chair, AuditAction.STATUS_READ, jo, conference), "GET /api/conferences/{id}, Jo");
        as(chair).get("/api/conferences").then().statusCode(200);
        assertEquals(2, reads(chair, AuditAction.STATUS_READ, ivy, conference), "GET /api/conferences, Ivy");
        as(chair).get("/api/conferences?scope=current").then().statusCode(200);
        assertEquals(3, reads(chair, AuditAction.STATUS_READ, jo, conference), "GET /api/conferences?scope=current");

        as(otherChair).get("/api/conferences/" + conference).then().statusCode(404);
        assertEquals(0, reads(otherChair, AuditAction.STATUS_READ, ivy, conference), "a refused read is not a read");
    }

    private static long reads(Staff actor, AuditAction action, UUID child) {
        return Api.inSession(() -> AuditEvent.count("actorId = ?1 and action = ?2 and childId = ?3", actor.id(),
                action, child));
    }

    private static long reads(Staff actor, AuditAction action, UUID child, UUID conference) {
        return Api.inSession(() -> AuditEvent.count("actorId = ?1 and action = ?2 and childId = ?3 "
                + "and conferenceId = ?4", actor.id(), action, child, conference));
    }
}
