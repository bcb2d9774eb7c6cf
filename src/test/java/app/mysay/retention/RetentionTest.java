package app.mysay.retention;

import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.mysay.retention.RetentionDtos.PurgeRun;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.Media;
import app.mysay.support.PastConferences;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The retention purge (the test profile keeps data 20 years after the last conference, so no other test's past
 * conferences are due): an old child's content goes from every table, a recent child's and a held child's stay, the
 * audit trail gains one VIEWS_PURGED per purged child and still verifies, and a second run purges nothing.
 */
@QuarkusTest
class RetentionTest {

    private static final Instant LONG_AGO = Instant.now().minus(25 * 365, ChronoUnit.DAYS);
    private static final Instant LAST_YEAR = Instant.now().minus(365, ChronoUnit.DAYS);

    @Inject
    RetentionService retention;

    record Seeded(UUID child, UUID conference, String caseReference, String words) {
    }

    @Test
    void oldChildrenArePurgedRecentAndHeldOnesAreKeptAndTheTrailStillVerifies() {
        Staff manager = Api.staff(Role.MANAGER);
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff advocate = Api.staff(Role.ADVOCATE);

        Seeded old = seed(socialWorker, chair, advocate, "Olly", LONG_AGO);
        Seeded recent = seed(socialWorker, chair, advocate, "Rae", LAST_YEAR);
        Seeded held = seed(socialWorker, chair, advocate, "Hal", LONG_AGO);

        as(manager.token()).body(Map.of("reason", "Care proceedings, court ref ZX-1"))
                .put("/api/legal-holds/" + held.caseReference()).then().statusCode(201)
                .body("caseReference", equalTo(held.caseReference()));
        Map<String, Long> recentBefore = content(recent);
        Map<String, Long> heldBefore = content(held);
        assertTrue(content(old).get("views") >= 3, "two sent versions and a draft: " + content(old));
        assertEquals(1, content(old).get("webhook_delivery"));
        assertEquals(2, content(old).get("attachment"), "a voice note sent with a version, and a picture never named");

        assertEquals(1, purge().children());

        content(old).forEach((table, rows) -> assertEquals(0, rows, table + " still holds the old child's " + table));
        assertEquals(1, count("select count(*) from child where id = '" + old.child() + "' and known_as = '"
                + RetentionService.REMOVED_NAME + "' and date_of_birth is null and age_band is not null "
                + "and communication_needs_enc is null and advocate_id is null and family_id is null "
                + "and purged_at is not null and case_reference = '" + old.caseReference() + "'"));
        assertEquals(recentBefore, content(recent));
        assertEquals(heldBefore, content(held));
        assertEquals(1, purgedEvents(old));
        assertEquals(0, purgedEvents(recent));
        assertEquals(0, purgedEvents(held));
        String detail = text("select detail from audit_event where action = 'VIEWS_PURGED' and child_id = '"
                + old.child() + "'");
        assertTrue(detail.matches("views=\\d+ idempotency-keys=\\d+ invitations=1 devices=1 messages=1 "
                + "notifications=\\d+ webhook-deliveries=1 attachments=2"), detail);

        // The reason stays out of the trail: only a fixed phrase.
        assertEquals("hold placed", text("select detail from audit_event where action = 'LEGAL_HOLD_PLACED' "
                + "and child_id = '" + held.child() + "'"));

        assertEquals(0, purge().children(), "a second run purges nothing");
        assertEquals(1, purgedEvents(old));

        as(manager.token()).delete("/api/legal-holds/" + held.caseReference()).then().statusCode(204);
        as(manager.token()).get("/api/legal-holds/" + held.caseReference()).then().statusCode(404);
        assertEquals(1, count("select count(*) from audit_event where action = 'LEGAL_HOLD_LIFTED' and child_id = '"
                + held.child() + "'"));
        assertEquals(1, purge().children());
        content(held).forEach((table, rows) -> assertEquals(0, rows, table + " still holds the held child's " + table));
        assertEquals(1, purgedEvents(held));
        assertEquals(recentBefore, content(recent));
        assertEquals(0, purge().children());
        assertEquals(1, purgedEvents(old));
        assertEquals(1, purgedEvents(held));

        // The audit search still finds the purged child's trail by case reference.
        as(manager.token()).get("/api/audit?childReference=" + old.caseReference() + "&action=VIEWS_PURGED")
                .then().statusCode(200).body("events.size()", equalTo(1));
        as(manager.token()).get("/api/audit/verification").then().statusCode(200).body("verified", equalTo(true));
    }

    @Test
    void sentViewsStillCannotBeChangedAndOnlyThePurgeDeletesThem() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff advocate = Api.staff(Role.ADVOCATE);
        Seeded kept = seed(socialWorker, chair, advocate, "Kit", LAST_YEAR);
        String sent = "from views where child_id = '" + kept.child() + "' and status = 'SENT'";

        assertThrows(IllegalStateException.class, () -> run("delete " + sent, false));
        assertThrows(IllegalStateException.class, () -> run("update views set safety_shared = not safety_shared where child_id = '"
                + kept.child() + "' and status = 'SENT'", true));
        assertEquals(2, count("select count(*) " + sent));

        Staff manager = Api.staff(Role.MANAGER);
        as(manager.token()).body(Map.of("reason", "Hold")).put("/api/legal-holds/" + kept.caseReference())
                .then().statusCode(201);
        assertThrows(IllegalStateException.class, () -> run("delete " + sent, true),
                "even a purge may not delete a held child's views");
        assertEquals(2, count("select count(*) " + sent));
    }

    @Test
    void onlyManagersMayPlaceOrLiftAHold() {
        Staff manager = Api.staff(Role.MANAGER);
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff advocate = Api.staff(Role.ADVOCATE);
        String reference = "RET/Max-" + Api.shortId();
        UUID child = PastConferences.child(socialWorker, "Max", reference, null, "AGE_12_TO_15", advocate.id());
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        ChildLogin kid = Api.childSignedIn(socialWorker, conference, child);
        String path = "/api/legal-holds/" + reference;
        Map<String, String> hold = Map.of("reason", "Proceedings");

        for (String token : List.of(socialWorker.token(), chair.token(), advocate.token(), kid.token())) {
            as(token).body(hold).put(path).then().statusCode(403);
            as(token).delete(path).then().statusCode(403);
            as(token).get(path).then().statusCode(403);
        }
        assertEquals(0, count("select count(*) from legal_hold where child_id = '" + child + "'"));

        as(manager.token()).body(hold).put("/api/legal-holds/NO-SUCH-" + Api.shortId()).then().statusCode(404)
                .body("type", equalTo("https://mysay.example/problems/not-found"));
        as(manager.token()).delete("/api/legal-holds/NO-SUCH-" + Api.shortId()).then().statusCode(404);
        as(manager.token()).body(Map.of("reason", " ")).put(path).then().statusCode(400);

        as(manager.token()).body(hold).put(path.toLowerCase()).then().statusCode(201);
        as(manager.token()).body(Map.of("reason", "Proceedings, renewed")).put(path).then().statusCode(200)
                .body("reason", equalTo("Proceedings, renewed"));
        as(manager.token()).get(path).then().statusCode(200).body("reason", equalTo("Proceedings, renewed"));
        assertEquals(2, count("select count(*) from audit_event where action = 'LEGAL_HOLD_PLACED' and child_id = '"
                + child + "'"));
        as(manager.token()).delete(path).then().statusCode(204);
        as(manager.token()).delete(path).then().statusCode(204);
        assertEquals(1, count("select count(*) from audit_event where action = 'LEGAL_HOLD_LIFTED' and child_id = '"
                + child + "'"));
    }

    // ---- building the situation: through the API, then moved back in time ----

    private static Seeded seed(Staff socialWorker, Staff chair, Staff advocate, String name, Instant conferenceAt) {
        String reference = "RET/" + name + "-" + Api.shortId();
        String words = name + "-words-" + Api.shortId();
        UUID child = PastConferences.child(socialWorker, name, reference, LocalDate.now().minusYears(9), null,
                advocate.id());
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        ChildLogin login = Api.childSignedIn(socialWorker, conference, child);
        String send = "/api/child/conferences/" + conference + "/views/send";
        String uploads = "/api/child/conferences/" + conference + "/attachments";
        UUID voice = UUID.fromString(Media.upload(as(login), uploads, Media.webm(words), "audio/webm")
                .then().statusCode(201).extract().path("id"));
        Media.upload(as(login), uploads, Media.png(20, 20), "image/png").then().statusCode(201); // never named
        Map<String, Object> first = Api.views("good " + words, "worry", "wish " + words);
        first.put("worries", Map.of("text", "worry", "parentsMaySee", false, "voiceNote", voice));
        Api.send(as(login), send, UUID.randomUUID().toString(), first).then().statusCode(201);
        Api.send(as(login), send, UUID.randomUUID().toString(), Api.views("good again " + words, "worry", "wish"))
                .then().statusCode(201);
        Map<String, Object> draft = Api.views("typed " + words, "typed worry", "typed wish");
        draft.put("authorship", Map.of("kind", "CHILD_WITH_HELP", "readBackAgreed", true));
        as(advocate).body(draft).put("/api/conferences/" + conference + "/children/" + child + "/views/draft")
                .then().statusCode(200);
        PastConferences.chairReads(chair, conference, child);
        PastConferences.decided(chair, conference, Map.of(child, "We heard you, " + words), List.of(child));
        PastConferences.startedAt(conference, conferenceAt);
        run("insert into webhook_delivery (id, event, conference_id, child_id, body, created_at, attempts, delivered_at) "
                + "values (gen_random_uuid(), 'views.sent', '" + conference + "', '" + child + "', "
                + "convert_to('{}', 'UTF8'), now(), 1, now())", false);
        return new Seeded(child, conference, reference, words);
    }

    /** How many rows of the child's content each table holds. */
    private static Map<String, Long> content(Seeded s) {
        String c = "'" + s.child() + "'";
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("views", count("select count(*) from views where child_id = " + c));
        rows.put("idempotency_key", count("select count(*) from idempotency_key i join views v on v.id = i.views_id "
                + "where v.child_id = " + c));
        rows.put("invitation", count("select count(*) from invitation where child_id = " + c));
        rows.put("child_device", count("select count(*) from child_device where child_id = " + c));
        rows.put("notification", count("select count(*) from notification where child_id = " + c));
        rows.put("webhook_delivery", count("select count(*) from webhook_delivery where child_id = " + c));
        rows.put("attachment", count("select count(*) from attachment where child_id = " + c));
        rows.put("outcome_message", count("select count(*) from conference_child where outcome_message_enc is not null "
                + "and child_id = " + c));
        rows.put("known_as", count("select count(*) from child where known_as <> '" + RetentionService.REMOVED_NAME
                + "' and id = " + c));
        return rows;
    }

    private static long purgedEvents(Seeded s) {
        return count("select count(*) from audit_event where action = 'VIEWS_PURGED' and child_id = '" + s.child() + "'");
    }

    private PurgeRun purge() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> retention.purgeDue());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) {
        return Api.inSession(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery(sql, Long.class).getSingleResult()));
    }

    private static String text(String sql) {
        String value = Api.inSession(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery(sql, String.class).getSingleResult()));
        assertNotNull(value);
        return value;
    }

    /** A statement straight on the database, as the purge's transaction (purging) or as any other. */
    private static int run(String sql, boolean purging) {
        return Api.inTransaction(() -> Panache.getSession().flatMap(s -> (purging
                ? s.createNativeQuery("select set_config('mysay.purging', 'on', true)").getSingleResult()
                : io.smallrye.mutiny.Uni.createFrom().item((Object) null))
                .chain(() -> s.createNativeQuery(sql).executeUpdate())));
    }
}
