package app.mysay.audit;

import static app.mysay.support.Waiting.concurrently;
import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.BehindTheAppsBack;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The audit trail is append-only in the database and hash-chained: the app's own writes verify, the app's connection
 * cannot change or remove events, and changes made behind the app's back are found at the event they touched.
 * Tests that tamper put the event back exactly as it was, so the chain verifies again for every later test.
 */
@QuarkusTest
class AuditChainTest {

    private static final String VERIFICATION = "/api/audit/verification";

    @Test
    void theAppsOwnWritesFormAValidChain() {
        Staff manager = Api.staff(Role.MANAGER);
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Ada-" + Api.shortId(), Api.family(socialWorker), null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        ChildLogin ada = Api.childSignedIn(socialWorker, conference, child);
        Api.send(as(ada), "/api/child/conferences/" + conference + "/views/send", UUID.randomUUID().toString(),
                Api.views("Ada's good things", "Ada's worries", "Ada's wishes")).then().statusCode(201);
        as(chair).get("/api/conferences/" + conference + "/children/" + child + "/views").then().statusCode(200);
        // An append straight to the table, as the app's connection may: whatever id and hashes it claims are replaced,
        // and a detail beyond ASCII hashes the same in the database and in Java.
        long appended = Api.inTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "insert into audit_event (id, at, actor_role, action, detail, prev_hash, hash) values (1, now(), "
                        + "'ANONYMOUS', 'STAFF_SIGN_IN_FAILED', 'é ~ 3:x ✓', '\\x00'::bytea, '\\x00'::bytea) "
                        + "returning id", Long.class).getSingleResult()));
        assertNotEquals(1L, appended);
        AuditEvent last = Api.inSession(() -> AuditEvent.<AuditEvent>findById(appended));
        assertEquals(32, last.hash.length);
        assertEquals(32, last.prevHash.length);
        long events = count();

        JsonPath answer = as(manager).get(VERIFICATION).then().statusCode(200)
                .body("verified", equalTo(true))
                .body("firstBrokenId", nullValue())
                .body("checkedAt", notNullValue())
                .extract().jsonPath();
        assertEquals(events, answer.getLong("records"), "every event was checked");

        List<AuditEvent> verified = Api.inSession(() -> AuditEvent.<AuditEvent>list(
                "actorId = ?1 and action = ?2", manager.id(), AuditAction.AUDIT_VERIFIED));
        assertEquals(1, verified.size());
        assertEquals("records=" + events + " verified", verified.get(0).detail);
    }

    @Test
    void theAppsConnectionCannotUpdateDeleteOrTruncateEvents() {
        Staff manager = Api.staff(Role.MANAGER);
        AuditEvent signIn = newest(manager.id());
        long before = count();

        for (String statement : List.of(
                "update audit_event set detail = 'changed' where id = " + signIn.id,
                "update audit_event set detail = 'changed' where false",
                "delete from audit_event where id = " + signIn.id,
                "truncate audit_event")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Api.inTransaction(
                    () -> Panache.getSession().flatMap(session -> session.createNativeQuery(statement).executeUpdate())),
                    statement);
            assertTrue(causes(refused).contains("audit events are append-only"), statement + ": " + causes(refused));
        }

        AuditEvent after = Api.inSession(() -> AuditEvent.<AuditEvent>findById(signIn.id));
        assertEquals(signIn.detail, after.detail);
        assertArrayEquals(signIn.hash, after.hash);
        assertEquals(before, count());
        verifies(manager, true, null);
    }

    @Test
    void anEventChangedBehindTheAppsBackIsFound() {
        Staff manager = Api.staff(Role.MANAGER);
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        AuditEvent target = newest(socialWorker.id());
        Api.family(socialWorker);
        Api.signIn(socialWorker.email());
        verifies(manager, true, null);

        BehindTheAppsBack.run("update audit_event set detail = 'nothing happened' where id = :id",
                Map.of("id", target.id));
        try {
            JsonPath broken = verifies(manager, false, target.id);
            assertEquals(count("id <= " + target.id), broken.getLong("records"), "checked up to the changed event");
        } finally {
            Map<String, Object> original = new HashMap<>();
            original.put("id", target.id);
            original.put("detail", target.detail);
            BehindTheAppsBack.run("update audit_event set detail = :detail where id = :id", original);
        }
        verifies(manager, true, null);
    }

    @Test
    void anEventDeletedBehindTheAppsBackIsFoundAtTheOneAfterIt() {
        Staff manager = Api.staff(Role.MANAGER);
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        AuditEvent target = newest(socialWorker.id());
        Api.signIn(socialWorker.email());
        AuditEvent next = newest(socialWorker.id());
        assertEquals(0, count("id > " + target.id + " and id < " + next.id), "nothing between the two sign-ins");

        BehindTheAppsBack.run("delete from audit_event where id = :id", Map.of("id", target.id));
        try {
            verifies(manager, false, next.id);
        } finally {
            Map<String, Object> row = new HashMap<>();
            row.put("id", target.id);
            row.put("at", target.at);
            row.put("actor", target.actorId);
            row.put("role", target.actorRole);
            row.put("action", target.action.name());
            row.put("prev", target.prevHash);
            row.put("hash", target.hash);
            row.put("detail", target.detail);
            BehindTheAppsBack.run("insert into audit_event (id, at, actor_id, actor_role, action, detail, prev_hash, "
                    + "hash) values (:id, :at, :actor, :role, :action, cast(:detail as text), :prev, :hash)", row);
        }
        verifies(manager, true, null);
    }

    @Test
    void concurrentAppendsStillFormOneChain() throws Exception {
        Staff manager = Api.staff(Role.MANAGER);
        long before = count("actor_id = '" + manager.id() + "'");

        List<Response> answers = concurrently(8, i -> i % 2 == 0
                ? as(manager).get("/api/figures")
                : as(manager).get("/api/audit?action=STAFF_ACCOUNT_CREATED&limit=1"));

        answers.forEach(r -> assertEquals(200, r.statusCode(), r.asString()));
        assertEquals(before + 8, count("actor_id = '" + manager.id() + "'"));
        List<AuditEvent> chain = Api.inSession(() -> AuditEvent.<AuditEvent>list("order by id"));
        var prevHashes = new HashSet<String>();
        chain.forEach(e -> assertTrue(prevHashes.add(e.prevHash == null ? "first" : java.util.HexFormat.of()
                .formatHex(e.prevHash)), "two events follow the same one: event " + e.id));
        verifies(manager, true, null);
    }

    @Test
    void theEncodingCannotBeShiftedBetweenFields() {
        Instant at = Instant.parse("2026-03-01T10:15:30.123456Z");
        UUID actor = UUID.randomUUID();
        byte[] base = AuditChain.hash(7, at, actor, "AB", "C", null, null, "", null);
        assertFalse(java.util.Arrays.equals(base, AuditChain.hash(7, at, actor, "A", "BC", null, null, "", null)));
        assertFalse(java.util.Arrays.equals(base, AuditChain.hash(7, at, actor, "AB", "C", null, null, null, null)));
        assertFalse(java.util.Arrays.equals(base, AuditChain.hash(7, at, null, "AB", "C", actor, null, "", null)));
        assertFalse(java.util.Arrays.equals(base, AuditChain.hash(7, at.plusNanos(1_000), actor, "AB", "C", null,
                null, "", null)));
        assertEquals(32, base.length);
    }

    // ---- helpers ----

    private static JsonPath verifies(Staff manager, boolean verified, Long firstBrokenId) {
        JsonPath answer = as(manager).get(VERIFICATION).then().statusCode(200).extract().jsonPath();
        assertEquals(verified, answer.getBoolean("verified"), answer.prettify());
        Object broken = answer.get("firstBrokenId");
        assertEquals(firstBrokenId, broken == null ? null : ((Number) broken).longValue(), answer.prettify());
        if (verified) {
            assertNull(broken);
        }
        return answer;
    }

    private static AuditEvent newest(UUID actorId) {
        return Api.inSession(() -> AuditEvent.<AuditEvent>find("actorId = ?1 order by id desc", actorId).firstResult());
    }

    private static long count() {
        return count("true");
    }

    private static long count(String where) {
        return Api.inSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select count(*) from audit_event where " + where, Long.class).getSingleResult()));
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
