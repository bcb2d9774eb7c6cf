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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
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
 * cannot change or remove events or their links, and changes made behind the app's back are found at the event they
 * touched.
 * Tests that tamper put the event back exactly as it was, so the chain verifies again for every later test.
 */
@QuarkusTest
class AuditChainTest {

    private static final String VERIFICATION = "/api/audit/verification";
    private static final String APPEND_ONLY = "audit events are append-only";

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
        // An append straight to the table, as the app's connection may: whatever id it claims is replaced, it is linked
        // into the chain as it commits, and a detail beyond ASCII hashes the same in the database and in Java.
        long appended = Api.inTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "insert into audit_event (id, at, actor_role, action, detail) values (1, now(), "
                        + "'ANONYMOUS', 'STAFF_SIGN_IN_FAILED', 'é ~ 3:x ✓') returning id", Long.class)
                .getSingleResult()));
        assertNotEquals(1L, appended);
        Link last = link(appended);
        assertEquals(32, last.hash().length);
        assertEquals(32, last.prevHash().length);
        assertEquals(count(), count("true", "audit_seal"), "every event has its link");
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
        assertTrue(verified.get(0).detail.matches("records=" + events + " checkpoints=\\d+ verified"),
                verified.get(0).detail);
    }

    @Test
    void theAppsConnectionCannotUpdateDeleteOrTruncateEvents() {
        Staff manager = Api.staff(Role.MANAGER);
        AuditEvent signIn = newest(manager.id());
        Link link = link(signIn.id);
        long before = count();

        // Truncating the events is refused before their trigger runs: the links refer to them.
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("update audit_event set detail = 'changed' where id = " + signIn.id, APPEND_ONLY);
        refusals.put("update audit_event set detail = 'changed' where false", APPEND_ONLY);
        refusals.put("delete from audit_event where id = " + signIn.id, APPEND_ONLY);
        refusals.put("truncate audit_event", "cannot truncate a table referenced in a foreign key constraint");
        refusals.put("update audit_seal set hash = prev_hash where event_id = " + signIn.id, APPEND_ONLY);
        refusals.put("delete from audit_seal where event_id = " + signIn.id, APPEND_ONLY);
        refusals.put("truncate audit_seal", APPEND_ONLY);
        refusals.forEach((statement, reason) -> {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Api.inTransaction(
                    () -> Panache.getSession().flatMap(session -> session.createNativeQuery(statement).executeUpdate())),
                    statement);
            assertTrue(causes(refused).contains(reason), statement + ": " + causes(refused));
        });

        AuditEvent after = Api.inSession(() -> AuditEvent.<AuditEvent>findById(signIn.id));
        assertEquals(signIn.detail, after.detail);
        assertArrayEquals(link.hash(), link(signIn.id).hash());
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
            assertEquals(link(target.id).position(), broken.getLong("records"), "checked up to the changed event");
        } finally {
            Map<String, Object> original = new HashMap<>();
            original.put("id", target.id);
            original.put("detail", target.detail);
            BehindTheAppsBack.run("update audit_event set detail = :detail where id = :id", original);
        }
        verifies(manager, true, null);
    }

    @Test
    void anEventDeletedBehindTheAppsBackIsFoundByItsLink() {
        Staff manager = Api.staff(Role.MANAGER);
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        AuditEvent target = newest(socialWorker.id());
        Api.signIn(socialWorker.email());

        BehindTheAppsBack.run("delete from audit_event where id = :id", Map.of("id", target.id));
        try {
            verifies(manager, false, target.id);
        } finally {
            putBack(target);
        }
        verifies(manager, true, null);
    }

    @Test
    void anEventDeletedWithItsLinkIsFoundAtTheOneAfterIt() {
        Staff manager = Api.staff(Role.MANAGER);
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        AuditEvent target = newest(socialWorker.id());
        Link targetLink = link(target.id);
        Api.signIn(socialWorker.email());
        AuditEvent next = newest(socialWorker.id());
        assertEquals(targetLink.position() + 1, link(next.id).position(), "nothing between the two sign-ins");

        BehindTheAppsBack.run("delete from audit_seal where event_id = :id", Map.of("id", target.id));
        BehindTheAppsBack.run("delete from audit_event where id = :id", Map.of("id", target.id));
        try {
            verifies(manager, false, next.id);
        } finally {
            putBack(target);
            Map<String, Object> row = new HashMap<>();
            row.put("position", targetLink.position());
            row.put("event", target.id);
            row.put("prev", targetLink.prevHash());
            row.put("hash", targetLink.hash());
            BehindTheAppsBack.run("insert into audit_seal (position, event_id, prev_hash, hash) "
                    + "values (:position, :event, :prev, :hash)", row);
        }
        verifies(manager, true, null);
    }

    @Test
    void anEventSlippedInWithoutALinkIsFound() {
        Staff manager = Api.staff(Role.MANAGER);
        long slipped = ((Number) Api.inTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select nextval('audit_event_id_seq')").getSingleResult()))).longValue();

        BehindTheAppsBack.run("insert into audit_event (id, at, actor_role, action, detail) values (:id, now(), "
                + "'ANONYMOUS', 'STAFF_SIGN_IN_FAILED', 'never happened')", Map.of("id", slipped));
        try {
            assertEquals(0, count("event_id = " + slipped, "audit_seal"), "the triggers were off");
            verifies(manager, false, slipped);
        } finally {
            BehindTheAppsBack.run("delete from audit_event where id = :id", Map.of("id", slipped));
        }
        verifies(manager, true, null);
    }

    /**
     * The chain's lock is taken at commit, so an event is linked in the order its transaction commits, not in the
     * order it was inserted; and an event whose transaction rolls back leaves neither event nor link.
     */
    @Test
    void eventsAreLinkedInTheOrderTheirTransactionsCommit() throws Exception {
        Staff manager = Api.staff(Role.MANAGER);
        try (Connection first = jdbc(); Connection second = jdbc(); Connection third = jdbc()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            third.setAutoCommit(false);
            long early = append(first, "inserted first, committed second");
            long late = append(second, "inserted second, committed first");
            long undone = append(third, "rolled back");
            assertTrue(early < late);
            second.commit();
            first.commit();
            third.rollback();

            assertEquals(link(late).position() + 1, link(early).position());
            assertEquals(0, count("id = " + undone));
            assertEquals(0, count("event_id = " + undone, "audit_seal"));
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
        List<Link> chain = links();
        var prevHashes = new HashSet<String>();
        for (int i = 0; i < chain.size(); i++) {
            Link link = chain.get(i);
            assertEquals(i + 1, link.position(), "positions run 1, 2, 3 ... without a gap");
            assertTrue(prevHashes.add(link.prevHash() == null ? "first" : HexFormat.of().formatHex(link.prevHash())),
                    "two links follow the same one: position " + link.position());
        }
        assertEquals(count(), chain.size(), "every event is linked once");
        verifies(manager, true, null);
    }

    /**
     * Whoever owns the database can change an event and recompute every link after it: the chain fits together again.
     * A keyed checkpoint of the head, made before, no longer matches the recomputed link at its position.
     */
    @Test
    void aChainRecomputedBehindTheAppsBackIsFoundByAKeyedCheckpoint() {
        Staff manager = Api.staff(Role.MANAGER);
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        AuditEvent target = newest(socialWorker.id());
        Api.family(socialWorker);
        Api.signIn(socialWorker.email());
        AuditCheckpoints.Checkpoint checkpoint = checkpoints.write().await().indefinitely();
        Link head = links("where position = " + checkpoint.position()).get(0);
        assertArrayEquals(head.hash(), checkpoint.headHash());

        BehindTheAppsBack.run("update audit_event set detail = 'nothing happened' where id = :id",
                Map.of("id", target.id));
        long from = link(target.id).position();
        recomputeLinksFrom(from);
        try {
            JsonPath broken = verifies(manager, false, eventAt(checkpoint.position()));
            assertEquals(checkpoint.position(), broken.getLong("records"), "the links fit up to the checkpoint");
        } finally {
            Map<String, Object> original = new HashMap<>();
            original.put("id", target.id);
            original.put("detail", target.detail);
            BehindTheAppsBack.run("update audit_event set detail = :detail where id = :id", original);
            recomputeLinksFrom(from);
        }
        verifies(manager, true, null);
    }

    /**
     * Deleting the newest events with their links leaves a chain that fits; a keyed checkpoint that reached further
     * says events are missing. The checkpoints are also exported, for the operator to keep outside the database.
     */
    @Test
    void theNewestEventsCutOffBehindTheAppsBackAreFoundByAKeyedCheckpoint() {
        Staff manager = Api.staff(Role.MANAGER);
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Api.signIn(socialWorker.email());
        AuditEvent newest = newest(socialWorker.id());
        AuditCheckpoints.Checkpoint checkpoint = checkpoints.write().await().indefinitely();
        Link cut = link(newest.id);
        assertEquals(checkpoint.position(), cut.position(), "the sign-in is the head");
        assertTrue(checkpoint.line().startsWith("mysay-audit-checkpoint position=" + cut.position() + " head="),
                checkpoint.line());
        AuditCheckpoints.Checkpoint exported = AuditCheckpoints.Checkpoint.parse(checkpoint.line());
        assertEquals(checkpoint.madeAt(), exported.madeAt());
        assertArrayEquals(checkpoint.mac(), exported.mac());
        assertTrue(checkpoints.authentic(exported), "the exported line is the checkpoint itself");

        cutFrom(cut.position());
        try {
            JsonPath broken = verifies(manager, false, null);
            assertTrue(broken.getString("problem").contains("newest events are missing"), broken.prettify());
            assertEquals(cut.position(), broken.getLong("newestCheckpointPosition"));
        } finally {
            // The verification's own record is linked where the cut one was: remove it, and put the cut one back.
            cutFrom(cut.position());
            putBack(newest);
            Map<String, Object> row = new HashMap<>();
            row.put("position", cut.position());
            row.put("event", newest.id);
            row.put("prev", cut.prevHash());
            row.put("hash", cut.hash());
            BehindTheAppsBack.run("insert into audit_seal (position, event_id, prev_hash, hash) "
                    + "values (:position, :event, :prev, :hash)", row);
        }
        verifies(manager, true, null);
    }

    /** A checkpoint that MySay's key did not seal (one the database's owner made) breaks the verification. */
    @Test
    void aCheckpointNotSealedByMySaysKeyIsRefused() {
        Staff manager = Api.staff(Role.MANAGER);
        AuditCheckpoints.Checkpoint real = checkpoints.write().await().indefinitely();
        Map<String, Object> forged = new HashMap<>();
        forged.put("position", real.position());
        forged.put("hash", real.headHash());
        forged.put("mac", new byte[32]);
        BehindTheAppsBack.run("insert into audit_checkpoint (position, head_hash, made_at, mac) "
                + "values (:position, :hash, now(), :mac)", forged);
        try {
            JsonPath broken = verifies(manager, false, null);
            assertTrue(broken.getString("problem").contains("not sealed under MySay's key"), broken.prettify());
        } finally {
            BehindTheAppsBack.run("delete from audit_checkpoint where mac = :mac", Map.of("mac", new byte[32]));
        }
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

    @Inject
    AuditCheckpoints checkpoints;

    /** What the database's owner can do: recompute every link from this position on, with the database's own hash. */
    private static void recomputeLinksFrom(long position) {
        BehindTheAppsBack.run("do $$ declare r record; previous bytea; current bytea; begin "
                + "select hash into previous from audit_seal where position = " + (position - 1) + "; "
                + "for r in select s.position, e.* from audit_seal s join audit_event e on e.id = s.event_id "
                + "where s.position >= " + position + " order by s.position loop "
                + "current := audit_event_hash(r.id, r.at, r.actor_id, r.actor_role, r.action, r.child_id, "
                + "r.conference_id, r.detail, previous); "
                + "update audit_seal set prev_hash = previous, hash = current where position = r.position; "
                + "previous := current; end loop; end $$", Map.of());
    }

    /** Deletes the links from this position on, and their events. */
    private static void cutFrom(long position) {
        BehindTheAppsBack.run("do $$ declare ids bigint[]; begin "
                + "select array_agg(event_id) into ids from audit_seal where position >= " + position + "; "
                + "delete from audit_seal where position >= " + position + "; "
                + "delete from audit_event where id = any(ids); end $$", Map.of());
    }

    private static long eventAt(long position) {
        return Api.inSession(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "select event_id from audit_seal where position = " + position, Long.class).getSingleResult()));
    }

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
        return count(where, "audit_event");
    }

    private static long count(String where, String table) {
        return Api.inSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select count(*) from " + table + " where " + where, Long.class).getSingleResult()));
    }

    /** An event's place in the chain (audit_seal). */
    private record Link(long position, byte[] prevHash, byte[] hash) {
    }

    private static Link link(long eventId) {
        List<Link> found = links("where event_id = " + eventId);
        assertEquals(1, found.size(), "event " + eventId + " has one link");
        return found.get(0);
    }

    private static List<Link> links() {
        return links("");
    }

    private static List<Link> links(String where) {
        List<Object[]> rows = Api.inSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select position, prev_hash, hash from audit_seal " + where + " order by position",
                        Object[].class)
                .getResultList()));
        return rows.stream().map(r -> new Link(((Number) r[0]).longValue(), (byte[]) r[1], (byte[]) r[2])).toList();
    }

    /** Puts an event removed behind the app's back back as it was. */
    private static void putBack(AuditEvent event) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", event.id);
        row.put("at", event.at);
        row.put("actor", event.actorId);
        row.put("role", event.actorRole);
        row.put("action", event.action.name());
        row.put("detail", event.detail);
        BehindTheAppsBack.run("insert into audit_event (id, at, actor_id, actor_role, action, detail) "
                + "values (:id, :at, :actor, :role, :action, cast(:detail as text))", row);
    }

    private static Connection jdbc() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    private static long append(Connection connection, String detail) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_event (at, actor_role, action, "
                + "detail) values (now(), 'ANONYMOUS', 'STAFF_SIGN_IN_FAILED', ?) returning id")) {
            insert.setString(1, detail);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
