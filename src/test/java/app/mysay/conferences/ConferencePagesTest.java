package app.mysay.conferences;

import static app.mysay.support.Api.as;
import static app.mysay.support.Problems.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A list of conferences comes a page at a time, however long the caller's history: each page says where the next
 * one is in a Link header, and following the links gives every conference once, in order, with its own children.
 */
@QuarkusTest
class ConferencePagesTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void followingTheLinksGivesEveryConferenceOnceInOrderEvenWhenSomeStartTogether() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Map<UUID, UUID> childOf = new HashMap<>();
        Instant together = Instant.now().plus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 7; i++) {
            UUID child = Api.child(socialWorker, "Pat" + i, null, null);
            UUID conference = Api.conference(socialWorker, chair, List.of(child));
            childOf.put(conference, child);
            // Three start at the same moment: a page may end between them.
            startsAt(conference, i < 3 ? together : together.plus(i, ChronoUnit.DAYS).minus(30, ChronoUnit.DAYS));
        }

        List<Map<String, Object>> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String page = "/api/conferences?scope=all&limit=2";
        while (page != null) {
            assertTrue(sizes.size() < 10, "the links come to an end");
            Response answer = as(chair).get(page).then().statusCode(200).extract().response();
            List<Map<String, Object>> conferences = answer.jsonPath().getList("$");
            sizes.add(conferences.size());
            seen.addAll(conferences);
            page = next(answer);
            if (page != null) {
                assertTrue(page.startsWith("/api/conferences?"), page);
                assertTrue(page.contains("scope=all") && page.contains("limit=2"), "keeps the question: " + page);
            }
        }

        assertEquals(List.of(2, 2, 2, 1), sizes);
        assertEquals(childOf.keySet().stream().map(UUID::toString).sorted().toList(),
                seen.stream().map(c -> (String) c.get("id")).sorted().toList(), "every conference, once");
        for (int i = 1; i < seen.size(); i++) {
            Instant before = Instant.parse((String) seen.get(i - 1).get("startsAt"));
            Instant after = Instant.parse((String) seen.get(i).get("startsAt"));
            assertTrue(!after.isBefore(before), "soonest first across the pages");
        }
        for (Map<String, Object> conference : seen) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> children = (List<Map<String, Object>>) conference.get("children");
            assertEquals(List.of(childOf.get(UUID.fromString((String) conference.get("id"))).toString()),
                    children.stream().map(c -> c.get("childId")).toList(), "each page has its own children");
        }
    }

    @Test
    void withoutALimitAPageHoldsAHundredAndTheLastHasNoLink() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Lee", null, null);
        for (int i = 0; i < 101; i++) {
            Api.conference(socialWorker, chair, List.of(child));
        }
        Response first = as(chair).get("/api/conferences").then().statusCode(200).extract().response();
        assertEquals(100, first.jsonPath().getList("$").size());
        String next = next(first);
        assertNotNull(next, "a link to the rest");
        Response last = as(chair).get(next).then().statusCode(200).extract().response();
        assertEquals(1, last.jsonPath().getList("$").size());
        assertNull(last.getHeader("Link"));
        assertEquals(101, as(chair).get("/api/conferences?limit=500").then().statusCode(200).extract().jsonPath()
                .getList("$").size());
    }

    @Test
    void anotherCallersPlaceInTheListShowsOnlyTheirOwn() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff otherChair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Ash", null, null);
        for (int i = 0; i < 3; i++) {
            Api.conference(socialWorker, chair, List.of(child));
        }
        UUID theirs = Api.conference(socialWorker, otherChair, List.of(child));
        String next = next(as(chair).get("/api/conferences?limit=1").then().statusCode(200).extract().response());
        String after = next.substring(next.indexOf("after=") + "after=".length()).split("&")[0];

        List<String> seenByOther = as(otherChair).get("/api/conferences?after=" + after).then().statusCode(200)
                .extract().jsonPath().getList("id");
        assertTrue(seenByOther.stream().allMatch(theirs.toString()::equals), "never another chair's: " + seenByOther);
        List<String> currentByOther = as(otherChair).get("/api/conferences?scope=current&after=" + after)
                .then().statusCode(200).extract().jsonPath().getList("id");
        assertTrue(currentByOther.stream().allMatch(theirs.toString()::equals), "never another chair's");
    }

    @Test
    void aLimitOrAPlaceThatIsNotOneIsRefusedByName() {
        Staff chair = Api.staff(Role.CHAIR);
        invalid(as(chair).get("/api/conferences?limit=0"), "limit");
        invalid(as(chair).get("/api/conferences?limit=501"), "limit");
        invalid(as(chair).get("/api/conferences?limit=ten"), "limit");
        invalid(as(chair).get("/api/conferences?after=not-a-place"), "after");
        invalid(as(chair).get("/api/conferences?after=" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("yesterday_someone".getBytes(StandardCharsets.US_ASCII))), "after");
        invalid(as(chair).get("/api/conferences?scope=older&limit=-1&after=%25"), "scope", "limit", "after");
    }

    private static String next(Response answer) {
        String link = answer.getHeader("Link");
        if (link == null) {
            return null;
        }
        Matcher m = NEXT.matcher(link);
        assertTrue(m.matches(), "a Link header of one next page: " + link);
        return m.group(1);
    }

    private static void startsAt(UUID conference, Instant at) {
        Api.inTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "update conference set starts_at = :at where id = :id")
                .setParameter("at", at).setParameter("id", conference).executeUpdate()));
    }
}
