package app.mysay.figures;

import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditEvent;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.PastConferences;
import app.mysay.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Participation figures, exactly, over conferences moved into the first half of 2021 (no other test uses that year):
 * <pre>
 *   K1 10 Mar 2021, HELD:  Amara (born 2015-06-01, so 5 then: 5 to 7): v1 by herself, then v2 by her advocate on her
 *                          behalf (the newest counts); read by the chair 10 hours after v2; a message from the chair.
 *                          Bo (12 to 15): no views, no message.
 *   K2 20 Apr 2021, SCHEDULED: Cy (8 to 11): with help; read after 20 hours.
 *                          Dee (born 2010-01-15, so 11 then, 16 now): v1 read by the chair, then v2 unread.
 *   K3 30 Jun 2021 23:30 London (22:30 UTC), HELD: Eli (born 2018-01-01, under 5): own words, read after 40 hours,
 *                          no message.
 *   K4 5 May 2021, CANCELLED: Bo, with views.               Not counted: cancelled.
 *   K5 1 Jul 2021 00:30 London (30 Jun 23:30 UTC): Cy again. Not counted: after 30 June in London.
 * </pre>
 */
@QuarkusTest
class FiguresTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final String RANGE = "/api/figures?from=2021-01-01&to=2021-06-30";

    static Staff manager;
    static Staff socialWorker;
    static Staff chair;
    static Staff advocate;
    static final String TAG = Api.shortId();
    /** Every name, reference and word of the children: none may appear in any figure. */
    static final List<String> SECRETS = new ArrayList<>();
    static boolean built;

    @BeforeEach
    synchronized void theFirstHalfOf2021() {
        if (built) {
            return;
        }
        manager = Api.staff(Role.MANAGER);
        socialWorker = Api.staff(Role.SOCIAL_WORKER);
        chair = Api.staff(Role.CHAIR);
        advocate = Api.staff(Role.ADVOCATE, "Ada Advocate " + TAG);
        SECRETS.add("Ada Advocate " + TAG);

        UUID amara = child("Amara", LocalDate.of(2015, 6, 1), null, advocate.id());
        UUID bo = child("Bo", null, "AGE_12_TO_15", null);
        UUID cy = child("Cy", null, "AGE_8_TO_11", null);
        UUID dee = child("Dee", LocalDate.of(2010, 1, 15), null, null);
        UUID eli = child("Eli", LocalDate.of(2018, 1, 1), null, null);

        UUID k1 = Api.conference(socialWorker, chair, List.of(amara, bo));
        UUID k2 = Api.conference(socialWorker, chair, List.of(cy, dee));
        UUID k3 = Api.conference(socialWorker, chair, List.of(eli));
        UUID k4 = Api.conference(socialWorker, chair, List.of(bo));
        UUID k5 = Api.conference(socialWorker, chair, List.of(cy));

        Map<String, Object> own = Map.of("kind", "CHILD");
        ChildLogin amaraIn = Api.childSignedIn(socialWorker, k1, amara);
        PastConferences.childSends(amaraIn, k1, PastConferences.views(words("Amara", 1),
                List.of("COME_TO_PART", "JOIN_BY_VIDEO"), "WANT_ONE", own));
        PastConferences.advocateSends(advocate, k1, amara, PastConferences.views(words("Amara", 2),
                List.of("ADVOCATE_SHARES_MY_VIEWS"), "HAVE_ONE",
                Map.of("kind", "ADVOCATE_ON_BEHALF", "readBackAgreed", true)));
        PastConferences.chairReads(chair, k1, amara);

        ChildLogin cyIn = Api.childSignedIn(socialWorker, k2, cy);
        String helper = "Hal Helper " + TAG;
        SECRETS.add(helper);
        PastConferences.childSends(cyIn, k2, PastConferences.views(words("Cy", 1),
                List.of("NOT_ATTENDING", "WRITE_SOMETHING_TO_BE_READ_OUT"), "NO_THANKS",
                Map.of("kind", "CHILD_WITH_HELP", "helperName", helper, "helperRole", "Teacher")));
        PastConferences.chairReads(chair, k2, cy);
        ChildLogin deeIn = Api.childSignedIn(socialWorker, k2, dee);
        PastConferences.childSends(deeIn, k2, PastConferences.views(words("Dee", 1), null, null, own));
        PastConferences.chairReads(chair, k2, dee);
        PastConferences.childSends(deeIn, k2, PastConferences.views(words("Dee", 2), null, null, own));

        ChildLogin eliIn = Api.childSignedIn(socialWorker, k3, eli);
        PastConferences.childSends(eliIn, k3, PastConferences.views(words("Eli", 1), List.of("COME_TO_ALL"),
                "WANT_ONE", own));
        PastConferences.chairReads(chair, k3, eli);

        ChildLogin boIn = Api.childSignedIn(socialWorker, k4, bo);
        PastConferences.childSends(boIn, k4, PastConferences.views(words("Bo", 1), List.of("COME_TO_ALL"), "WANT_ONE", own));
        as(chair).post("/api/conferences/" + k4 + "/cancel").then().statusCode(200);
        PastConferences.childSends(cyIn, k5, PastConferences.views(words("Cy", 5), List.of("COME_TO_ALL"), "WANT_ONE", own));

        String message = "Thank you Amara " + TAG + ", we read it all.";
        SECRETS.add(message);
        PastConferences.decided(chair, k1, Map.of(amara, message), List.of(amara, bo));
        PastConferences.decided(chair, k3, Map.of(), List.of(eli));

        PastConferences.chairReadHoursAfterSending(k1, amara, 10);
        PastConferences.chairReadHoursAfterSending(k2, cy, 20);
        PastConferences.chairReadHoursAfterSending(k3, eli, 40);
        PastConferences.startedAt(k1, london(2021, 3, 10, 10, 0));
        PastConferences.startedAt(k2, london(2021, 4, 20, 10, 0));
        PastConferences.startedAt(k3, london(2021, 6, 30, 23, 30));
        PastConferences.startedAt(k4, london(2021, 5, 5, 10, 0));
        PastConferences.startedAt(k5, london(2021, 7, 1, 0, 30));
        built = true;
    }

    @Test
    void theFiguresAreExactlyWhatHappened() {
        Response response = as(manager).get(RANGE);
        response.then().statusCode(200)
                .header("Cache-Control", equalTo("no-store"))
                .body("from", equalTo("2021-01-01"))
                .body("to", equalTo("2021-06-30"))
                .body("totals.conferences", equalTo(3))
                .body("totals.places", equalTo(5))
                .body("totals.placesWithViews", equalTo(4))
                .body("totals.shareWithViews", equalTo(0.8f))
                .body("chairReading.read", equalTo(3))
                .body("chairReading.unread", equalTo(1))
                .body("chairReading.medianHours", equalTo(20.0f))
                // Linear interpolation over 10, 20 and 40 hours: 20 + 0.8 * (40 - 20).
                .body("chairReading.percentile90Hours", equalTo(36.0f))
                .body("heardBack.placesAtHeldConferences", equalTo(3))
                .body("heardBack.withMessage", equalTo(1))
                .body("attendance.noWayChosen", equalTo(1))
                .body("advocate.notAnswered", equalTo(1));
        JsonPath json = response.jsonPath();

        assertEquals(Map.of("UNDER_5", List.of(1, 1), "AGE_5_TO_7", List.of(1, 1), "AGE_8_TO_11", List.of(2, 2),
                "AGE_12_TO_15", List.of(1, 0), "AGE_16_TO_17", List.of(0, 0)),
                pairs(json, "byAgeBand", "ageBand", "places", "placesWithViews"),
                "by the age band on the day: Dee was 11 then though 16 now, Amara 5 then");
        assertEquals(Map.of("CHILD", 2, "CHILD_WITH_HELP", 1, "ADVOCATE_ON_BEHALF", 1),
                counts(json, "byRoute", "route", "places"), "by the newest version's authorship");
        Map<String, Integer> ways = counts(json, "attendance.ways", "way", "places");
        assertEquals(12, ways.size(), "every way is listed, chosen or not");
        Map<String, Integer> chosen = new LinkedHashMap<>();
        ways.forEach((way, n) -> {
            if (n > 0) {
                chosen.put(way, n);
            }
        });
        assertEquals(Map.of("ADVOCATE_SHARES_MY_VIEWS", 1, "NOT_ATTENDING", 1, "WRITE_SOMETHING_TO_BE_READ_OUT", 1,
                "COME_TO_ALL", 1), chosen, "the newest versions' ways only: not Amara's first, nor cancelled or later ones");
        assertEquals(Map.of("WANT_ONE", 1, "HAVE_ONE", 1, "NO_THANKS", 1),
                counts(json, "advocate.choices", "choice", "places"));

        List<Map<String, Object>> months = json.getList("months");
        assertEquals(List.of("2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06"),
                months.stream().map(m -> m.get("month")).toList());
        assertEquals(List.of(0, 0, 2, 2, 0, 1), months.stream().map(m -> m.get("places")).toList());
        assertEquals(List.of(0, 0, 1, 2, 0, 1), months.stream().map(m -> m.get("placesWithViews")).toList());
    }

    @Test
    void theFiguresHoldNoNameNoReferenceAndNoWord() {
        String body = as(manager).get(RANGE).then().statusCode(200).extract().asString();
        for (String secret : SECRETS) {
            assertFalse(body.contains(secret), "the figures reveal " + secret);
        }
        assertFalse(body.contains(TAG), "nothing made for this test shows up in the figures: " + body);
    }

    @Test
    void aDayOutsideTheRangeInLondonIsOutsideIt() {
        // 1 July in London holds K5 (Cy again, views sent); 30 June holds K3 (Eli).
        as(manager).get("/api/figures?from=2021-07-01&to=2021-07-01").then().statusCode(200)
                .body("totals.places", equalTo(1)).body("totals.placesWithViews", equalTo(1))
                .body("months[0].month", equalTo("2021-07"));
        as(manager).get("/api/figures?from=2021-06-30&to=2021-06-30").then().statusCode(200)
                .body("totals.places", equalTo(1))
                .body("byAgeBand.find { it.ageBand == 'UNDER_5' }.places", equalTo(1));
        as(manager).get("/api/figures?from=2021-05-01&to=2021-05-31").then().statusCode(200)
                .body("totals.conferences", equalTo(0)).body("totals.places", equalTo(0))
                .body("totals.shareWithViews", nullValue())
                .body("chairReading.medianHours", nullValue());
    }

    @Test
    void readingTheFiguresIsAudited() {
        long before = figuresReads();
        as(manager).get(RANGE).then().statusCode(200);
        List<AuditEvent> reads = Api.inSession(() -> AuditEvent.<AuditEvent>list(
                "actorId = ?1 and action = ?2 order by id desc", manager.id(), AuditAction.FIGURES_READ));
        assertEquals(before + 1, reads.size());
        assertEquals("from 2021-01-01 to 2021-06-30", reads.get(0).detail);
        assertEquals(null, reads.get(0).childId);
        assertEquals("MANAGER", reads.get(0).actorRole);
    }

    @Test
    void byDefaultTheLastTwelveMonthsUpToToday() {
        LocalDate today = LocalDate.now(LONDON);
        Response response = as(manager).get("/api/figures");
        response.then().statusCode(200)
                .body("to", equalTo(today.toString()))
                .body("from", equalTo(YearMonth.from(today).minusMonths(11).atDay(1).toString()));
        assertEquals(12, response.jsonPath().getList("months").size());
        assertEquals(YearMonth.from(today).toString(), response.jsonPath().getString("months[11].month"));
    }

    @Test
    void aRangeThatCannotBeMeantIsRefused() {
        Problems.invalid(as(manager).get("/api/figures?from=2021-06-30&to=2021-01-01"), "from");
        Problems.invalid(as(manager).get("/api/figures?from=2016-01-01&to=2021-01-02"), "to");
        as(manager).get("/api/figures?from=2016-01-01&to=2021-01-01").then().statusCode(200);
        Problems.invalid(as(manager).get("/api/figures?from=2021-02-30&to=31/03/2021"), "from", "to");
        Problems.invalid(as(manager).get("/api/figures?from=2099-01-01"), "from");
    }

    @Test
    void onlyManagersSeeFigures() {
        for (Staff other : List.of(socialWorker, chair, advocate)) {
            Problems.problem(as(other).get(RANGE), 403, "forbidden");
        }
        Problems.problem(io.restassured.RestAssured.given().get(RANGE), 401, "sign-in-required");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static UUID child(String name, LocalDate born, String band, UUID advocateId) {
        String knownAs = name + "-" + TAG;
        String reference = "FIG-" + name + "-" + TAG;
        SECRETS.add(knownAs);
        SECRETS.add(reference);
        return PastConferences.child(socialWorker, knownAs, reference, born, band, advocateId);
    }

    private static String words(String name, int version) {
        String words = name + " says version " + version + " " + TAG;
        SECRETS.add(words);
        return words;
    }

    private static java.time.Instant london(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(LONDON).toInstant();
    }

    private static long figuresReads() {
        return Api.inSession(() -> AuditEvent.count("actorId = ?1 and action = ?2", manager.id(), AuditAction.FIGURES_READ));
    }

    private static Map<String, Integer> counts(JsonPath json, String list, String key, String value) {
        Map<String, Integer> out = new LinkedHashMap<>();
        List<Map<String, Object>> rows = json.getList(list);
        rows.forEach(row -> out.put((String) row.get(key), (Integer) row.get(value)));
        return out;
    }

    private static Map<String, List<Integer>> pairs(JsonPath json, String list, String key, String first, String second) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        List<Map<String, Object>> rows = json.getList(list);
        rows.forEach(row -> out.put((String) row.get(key), List.of((Integer) row.get(first), (Integer) row.get(second))));
        assertTrue(out.size() == rows.size(), "no band twice");
        return out;
    }
}
