package app.mysay.conferences;

import static app.mysay.support.Api.as;
import static app.mysay.support.Problems.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The start pages ask only for the current conferences: still scheduled, or decided in the last 28 days. Older
 * history and cancelled conferences stay available with scope=all, and only ever the caller's own.
 */
@QuarkusTest
class CurrentConferencesTest {

    @Test
    void currentMeansScheduledOrDecidedInTheLast28DaysAndAllMeansEveryOne() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Sam", null, null);
        UUID coming = Api.conference(socialWorker, chair, List.of(child));
        UUID heldLastWeek = Api.conference(socialWorker, chair, List.of(child));
        UUID heldLastYear = Api.conference(socialWorker, chair, List.of(child));
        UUID cancelled = Api.conference(socialWorker, chair, List.of(child));
        decide(chair, heldLastWeek, child);
        decide(chair, heldLastYear, child);
        decidedDaysAgo(heldLastWeek, 7);
        decidedDaysAgo(heldLastYear, 365);
        as(chair).post("/api/conferences/" + cancelled + "/cancel").then().statusCode(200);

        assertEquals(List.of(coming, heldLastWeek).stream().map(UUID::toString).sorted().toList(),
                ids(as(chair), "current"), "the chair's start page");
        assertEquals(List.of(coming, heldLastWeek, heldLastYear, cancelled).stream().map(UUID::toString).sorted()
                .toList(), ids(as(chair), "all"), "the whole history");
        assertEquals(ids(as(chair), "all"), ids(as(chair), null), "all is the default");
        assertEquals(ids(as(chair), "current"), ids(as(socialWorker), "CURRENT"), "the social worker's, any case");

        Staff otherChair = Api.staff(Role.CHAIR);
        assertEquals(List.of(), ids(as(otherChair), "current"), "never another chair's");
    }

    @Test
    void anUnknownScopeIsRefusedByName() {
        Staff chair = Api.staff(Role.CHAIR);
        invalid(as(chair).get("/api/conferences?scope=upcoming"), "scope");
    }

    private static List<String> ids(RequestSpecification as, String scope) {
        String path = scope == null ? "/api/conferences" : "/api/conferences?scope=" + scope;
        return as.get(path).then().statusCode(200).extract().jsonPath().<String>getList("id").stream().sorted()
                .toList();
    }

    private static void decide(Staff chair, UUID conference, UUID child) {
        Api.conferenceHasStarted(conference);
        as(chair).body(Map.of("nextReviewDate", LocalDate.now().plusMonths(3).toString(),
                "children", List.of(Map.of("childId", child, "planNeeded", false))))
                .put("/api/conferences/" + conference + "/decision").then().statusCode(200);
    }

    private static void decidedDaysAgo(UUID conference, int days) {
        Api.inTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "update conference set decided_at = now() - make_interval(days => :days) where id = :id")
                .setParameter("days", days).setParameter("id", conference).executeUpdate()));
    }
}
