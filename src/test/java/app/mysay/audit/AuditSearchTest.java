package app.mysay.audit;

import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.PastConferences;
import app.mysay.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The manager's audit search and CSV export, checked against the audit table itself. A chair whose name is a
 * spreadsheet formula with a comma and quotes reads Pia's views three times; Pia's case reference starts with a minus.
 */
@QuarkusTest
class AuditSearchTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final String TAG = Api.shortId();
    static final String CHAIR_NAME = "=HYPERLINK(\"http://evil.example\",\"Chris\"), Chair " + TAG;
    static final String PIA = "Pia-" + TAG;
    static final String QUIN = "Quin-" + TAG;
    static final String PIA_REFERENCE = "-Aud-P" + TAG.toUpperCase();
    static final String QUIN_REFERENCE = "AUD-Q-" + TAG;
    static final String PIA_WORDS = "Pia wishes for a puppy " + TAG;

    static Staff manager;
    static Staff socialWorker;
    static Staff chair;
    static Staff advocate;
    static ChildLogin pia;
    static UUID piaId;
    static UUID quinId;
    static UUID conference;

    @BeforeEach
    synchronized void piaHasBeenReadThreeTimes() {
        if (conference != null) {
            return;
        }
        manager = Api.staff(Role.MANAGER);
        socialWorker = Api.staff(Role.SOCIAL_WORKER);
        chair = Api.staff(Role.CHAIR, CHAIR_NAME);
        advocate = Api.staff(Role.ADVOCATE);
        piaId = PastConferences.child(socialWorker, PIA, PIA_REFERENCE, null, "AGE_8_TO_11", null);
        quinId = PastConferences.child(socialWorker, QUIN, QUIN_REFERENCE, null, "AGE_12_TO_15", null);
        UUID k = Api.conference(socialWorker, chair, List.of(piaId, quinId));
        pia = Api.childSignedIn(socialWorker, k, piaId);
        PastConferences.childSends(pia, k, PastConferences.views(PIA_WORDS, null, null, Map.of("kind", "CHILD")));
        for (int i = 0; i < 3; i++) {
            as(chair).get("/api/conferences/" + k + "/children/" + piaId + "/views").then().statusCode(200);
        }
        PastConferences.chairReads(chair, k, piaId);
        conference = k;
    }

    @Test
    void aChildsTrailByTheirCaseReferenceInAnyCaseNewestFirstAndNeverTheirName() {
        List<AuditEvent> truth = events("childId = ?1", piaId);
        Response response = as(manager).queryParam("childReference", PIA_REFERENCE.toLowerCase())
                .queryParam("limit", 200).get("/api/audit");
        response.then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        assertEquals(ids(truth), ids(response), "exactly Pia's events, newest first");
        assertNull(response.jsonPath().get("nextBefore"), "one page holds them all");
        List<Map<String, Object>> events = response.jsonPath().getList("events");
        for (Map<String, Object> e : events) {
            assertEquals(PIA_REFERENCE, e.get("childReference"), "the case reference as recorded");
            if ("CHILD".equals(e.get("actorRole"))) {
                assertNull(e.get("actorName"), "a child acting is shown by role, never by name");
            }
        }
        assertEquals(List.of("CHAIR_ACKNOWLEDGED", "VIEWS_READ", "VIEWS_READ", "VIEWS_READ"),
                events.stream().filter(e -> CHAIR_NAME.equals(e.get("actorName"))).map(e -> e.get("action")).toList(),
                "the chair's reads, by name, newest first");
        assertTrue(events.stream().anyMatch(e -> "VIEWS_SENT".equals(e.get("action")) && "CHILD".equals(e.get("actorRole"))
                && "version 1".equals(e.get("detail")) && conference.toString().equals(e.get("conferenceId"))));
        assertNothingOfTheChildren(response.asString());

        AuditEvent searched = events("actorId = ?1 and action = ?2", manager.id(), AuditAction.AUDIT_SEARCHED).get(0);
        assertEquals(piaId, searched.childId, "the search is on Pia's own trail");
        assertEquals("reference=" + PIA_REFERENCE.toLowerCase(), searched.detail);
    }

    @Test
    void onePersonsActionsBetweenTwoDays() {
        List<AuditEvent> truth = events("actorId = ?1", chair.id());
        assertEquals(List.of("CHAIR_ACKNOWLEDGED", "VIEWS_READ", "VIEWS_READ", "VIEWS_READ", "STAFF_SIGNED_IN"),
                truth.stream().map(e -> e.action.name()).toList(), "the world is as this test thinks");
        LocalDate today = LocalDate.now(LONDON);
        Response all = as(manager).queryParam("personId", chair.id()).get("/api/audit");
        assertEquals(ids(truth), ids(all));
        all.jsonPath().getList("events.actorName").forEach(name -> assertEquals(CHAIR_NAME, name));
        all.jsonPath().getList("events.actorRole").forEach(role -> assertEquals("CHAIR", role));

        Response todayOnly = as(manager).queryParam("personId", chair.id()).queryParam("from", today.toString())
                .queryParam("to", today.toString()).get("/api/audit");
        assertEquals(ids(truth), ids(todayOnly), "today, in London, holds them all");
        assertEquals(List.of(), ids(as(manager).queryParam("personId", chair.id())
                .queryParam("to", today.minusDays(1).toString()).get("/api/audit")), "nothing up to yesterday");
        assertEquals(List.of(), ids(as(manager).queryParam("personId", chair.id())
                .queryParam("from", today.plusDays(1).toString()).get("/api/audit")), "nothing from tomorrow");

        Response reads = as(manager).queryParam("personId", chair.id()).queryParam("action", "VIEWS_READ")
                .queryParam("childReference", PIA_REFERENCE).get("/api/audit");
        assertEquals(ids(events("actorId = ?1 and action = ?2", chair.id(), AuditAction.VIEWS_READ)), ids(reads));
        assertEquals(3, ids(reads).size());
        assertEquals(List.of(), ids(as(manager).queryParam("personId", chair.id())
                .queryParam("childReference", QUIN_REFERENCE).get("/api/audit")), "the chair never touched Quin");
        assertEquals(List.of(), ids(as(manager).queryParam("childReference", "NO-SUCH-" + TAG).get("/api/audit")));
    }

    @Test
    void olderEventsPageByPageWithoutGapsOrRepeats() {
        List<Long> truth = ids(events("actorId = ?1", chair.id()));
        List<Long> seen = new ArrayList<>();
        Object before = null;
        int pages = 0;
        do {
            var request = as(manager).queryParam("personId", chair.id()).queryParam("limit", 2);
            if (before != null) {
                request = request.queryParam("before", before);
            }
            Response page = request.get("/api/audit");
            page.then().statusCode(200);
            List<Long> ids = ids(page);
            assertTrue(ids.size() <= 2, "at most the limit");
            seen.addAll(ids);
            before = page.jsonPath().get("nextBefore");
            if (before != null) {
                assertEquals(ids.get(ids.size() - 1), ((Number) before).longValue(), "the next page starts after the last");
            }
            pages++;
        } while (before != null && pages < 10);
        assertEquals(truth, seen, "every event once, newest first");
        assertEquals(3, pages, "five events at two a page");
        assertEquals(new HashSet<>(seen).size(), seen.size());
    }

    @Test
    void theCsvHasEveryMatchQuotedAndDefusedAndNoChildsName() {
        List<AuditEvent> truth = events("childId = ?1", piaId);
        Response response = as(manager).accept("text/csv").queryParam("childReference", PIA_REFERENCE).get("/api/audit");
        response.then().statusCode(200)
                .header("Content-Type", startsWith("text/csv"))
                .header("Content-Type", org.hamcrest.Matchers.containsStringIgnoringCase("charset=UTF-8"))
                .header("Content-Disposition", equalTo("attachment; filename=\"mysay-audit-" + LocalDate.now(LONDON) + ".csv\""))
                .header("Cache-Control", equalTo("no-store"));
        byte[] bytes = response.asByteArray();
        assertArrayEquals(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, Arrays.copyOf(bytes, 3), "UTF-8 BOM");
        String csv = new String(bytes, StandardCharsets.UTF_8).substring(1);
        assertTrue(csv.endsWith("\r\n") && !csv.replace("\r\n", "").contains("\n"), "CRLF line ends");
        assertNothingOfTheChildren(csv);

        List<List<String>> rows = parse(csv);
        assertEquals(List.of("id", "at", "actorName", "actorRole", "action", "childReference", "conferenceId", "detail"),
                rows.get(0));
        assertEquals(truth.size() + 1, rows.size(), "a header and every event");
        for (int i = 0; i < truth.size(); i++) {
            AuditEvent event = truth.get(i);
            List<String> row = rows.get(i + 1);
            assertEquals(String.valueOf(event.id), row.get(0));
            assertEquals(event.action.name(), row.get(4));
            assertEquals("'" + PIA_REFERENCE, row.get(5), "a leading minus is defused");
            assertEquals(event.detail == null ? "" : event.detail, row.get(7));
            if (chair.id().equals(event.actorId)) {
                assertEquals("'" + CHAIR_NAME, row.get(2), "the formula is defused, the comma and quotes survive");
            }
        }
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Chris\"\"), Chair " + TAG + "\",CHAIR,"),
                "quoted as RFC 4180 says");

        // The plain link gives the same file, and each download is audited.
        List<AuditEvent> now = events("childId = ?1", piaId);
        Response link = as(manager).accept("*/*").queryParam("childReference", PIA_REFERENCE).get("/api/audit/export.csv");
        link.then().statusCode(200).header("Content-Type", startsWith("text/csv"))
                .header("Content-Disposition", startsWith("attachment;"));
        List<List<String>> linked = parse(new String(link.asByteArray(), StandardCharsets.UTF_8).substring(1));
        assertEquals(now.size() + 1, linked.size());
        assertEquals(String.valueOf(now.get(0).id), linked.get(1).get(0));
        assertEquals("AUDIT_EXPORTED", linked.get(1).get(4), "the first download is on Pia's trail");
        AuditEvent exported = events("actorId = ?1 and action = ?2", manager.id(), AuditAction.AUDIT_EXPORTED).get(0);
        assertEquals(piaId, exported.childId);
        assertEquals("reference=" + PIA_REFERENCE + " rows=" + now.size(), exported.detail);
    }

    @Test
    void badFiltersAreNamed() {
        Problems.invalid(as(manager).get("/api/audit?limit=0"), "limit");
        Problems.invalid(as(manager).get("/api/audit?limit=201"), "limit");
        Problems.invalid(as(manager).get("/api/audit?before=-3"), "before");
        Problems.invalid(as(manager).get("/api/audit?from=2026-11-02&to=2026-11-01"), "from");
        Problems.invalid(as(manager).get("/api/audit?childReference=<b>Pia</b>&personId=someone&from=2026-02-30"
                + "&to=yesterday&action=EVERYTHING&before=x&limit=many"),
                "childReference", "personId", "from", "to", "action", "before", "limit");
        Problems.invalid(as(manager).accept("text/csv").get("/api/audit?action=views_read"), "action");
        Problems.invalid(as(manager).accept("*/*").get("/api/audit/export.csv?personId=1-2-3-4-5"), "personId");
        as(manager).get("/api/audit?limit=200&action=STAFF_SIGNED_IN").then().statusCode(200);
    }

    @Test
    void onlyManagersSearchOrExportTheTrail() {
        for (String path : List.of("/api/audit", "/api/audit/export.csv")) {
            for (Staff other : List.of(socialWorker, chair, advocate)) {
                Response refused = as(other).accept("*/*").get(path + "?childReference=" + PIA_REFERENCE);
                Problems.problem(refused, 403, "forbidden");
                assertNothingOfTheChildren(refused.asString());
            }
            Problems.problem(as(pia).accept("*/*").get(path), 403, "forbidden");
            Problems.problem(RestAssured.given().get(path), 401, "sign-in-required");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void assertNothingOfTheChildren(String body) {
        for (String secret : List.of(PIA, QUIN, PIA_WORDS)) {
            assertFalse(body.contains(secret), "reveals " + secret);
        }
    }

    private static List<AuditEvent> events(String where, Object... params) {
        return Api.inSession(() -> AuditEvent.<AuditEvent>list(where + " order by id desc", params));
    }

    private static List<Long> ids(List<AuditEvent> events) {
        return events.stream().map(e -> e.id).toList();
    }

    private static List<Long> ids(Response response) {
        response.then().statusCode(200);
        List<Number> ids = response.jsonPath().getList("events.id");
        return ids.stream().map(Number::longValue).toList();
    }

    /** RFC 4180, strictly: quoted fields may hold commas, doubled quotes and line breaks; lines end with CRLF. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertFalse(c == '"' || c == '\n' || c == '\r', "a bare quote or line break outside quotes at " + i);
                cell.append(c);
            }
        }
        assertTrue(cell.isEmpty() && row.isEmpty(), "the file ends with a line end");
        return rows;
    }
}
