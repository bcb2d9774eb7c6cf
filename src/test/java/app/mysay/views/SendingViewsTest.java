package app.mysay.views;

import static app.mysay.support.Waiting.concurrently;
import static app.mysay.support.Api.as;
import static app.mysay.support.Problems.invalid;
import static app.mysay.support.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditEvent;
import app.mysay.notifications.Notification;
import app.mysay.notifications.NotificationKind;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Sending views: a new immutable version each time, exactly once per Idempotency-Key, with its audit and notifications. */
@QuarkusTest
class SendingViewsTest {

    static final String GOOD = "Playing football with Kai after school.";
    static final String WORRIES = "Mum cries a lot and I don't know why.\nI worry at night.";
    static final String WISHES = "I want to stay at my school.";

    /** A social worker, a chair, an advocate, a child of the social worker's (with that advocate) and a conference. */
    record Setting(Staff socialWorker, Staff chair, Staff advocate, String advocateName, UUID childId,
            UUID conferenceId, ChildLogin child) {

        static Setting create() {
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
            Staff chair = Api.staff(Role.CHAIR, "Chris Chair");
            String advocateName = "Ada Advocate " + Api.shortId();
            Staff advocate = Api.staff(Role.ADVOCATE, advocateName);
            UUID child = Api.child(socialWorker, "Jay", Api.family(socialWorker), advocate.id());
            UUID conference = Api.conference(socialWorker, chair, List.of(child));
            ChildLogin login = Api.childSignedIn(socialWorker, conference, child);
            return new Setting(socialWorker, chair, advocate, advocateName, child, conference, login);
        }

        String childViews() {
            return "/api/child/conferences/" + conferenceId + "/views";
        }

        String staffViews() {
            return "/api/conferences/" + conferenceId + "/children/" + childId + "/views";
        }

        Response childSends(String key, Object body) {
            return Api.send(as(child), childViews() + "/send", key, body);
        }

        Response advocateSends(String key, Object body) {
            return Api.send(as(advocate), staffViews() + "/send", key, body);
        }

        long sentRows() {
            return count("select count(*) from views where child_id = '" + childId + "' and conference_id = '"
                    + conferenceId + "' and status = 'SENT'");
        }

        long audits(AuditAction action) {
            return count("select count(*) from audit_event where child_id = '" + childId + "' and conference_id = '"
                    + conferenceId + "' and action = '" + action.name() + "'");
        }

        List<Notification> notifications() {
            return Api.inSession(() -> Notification.<Notification>list("childId = ?1 and conferenceId = ?2", childId,
                    conferenceId));
        }
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    static Map<String, Object> authorship(String kind, String helperName, Boolean readBackAgreed, String reason) {
        Map<String, Object> a = new HashMap<>();
        a.put("kind", kind);
        a.put("helperName", helperName);
        a.put("readBackAgreed", readBackAgreed);
        a.put("notReadBackReason", reason);
        return a;
    }

    static Map<String, Object> viewsWith(Map<String, Object> authorship) {
        Map<String, Object> views = Api.views(GOOD, WORRIES, WISHES);
        views.put("authorship", authorship);
        return views;
    }

    // ---- the Idempotency-Key ----

    @Test
    void sendingNeedsAnIdempotencyKey() {
        Setting s = Setting.create();
        Map<String, Object> views = Api.views(GOOD, WORRIES, WISHES);

        problem(as(s.child()).body(views).post(s.childViews() + "/send"), 400, "idempotency-key-missing");
        problem(s.childSends("   ", views), 400, "idempotency-key-missing");
        invalid(s.childSends("abc", views), "Idempotency-Key");
        invalid(s.childSends("not a key but words", views), "Idempotency-Key");
        assertEquals(0, s.sentRows(), "nothing was sent");
        assertEquals(0, s.audits(AuditAction.VIEWS_SENT));
    }

    @Test
    void aRetryWithTheSameKeyAndViewsReturnsTheSameVersionAndMakesNoOther() {
        Setting s = Setting.create();
        Map<String, Object> views = Api.views(GOOD, WORRIES, WISHES);
        String key = key();

        Response first = s.childSends(key, views);
        first.then().statusCode(201).body("version", equalTo(1)).header("Idempotent-Replayed", nullValue());
        String sentAt = first.path("sentAt");

        for (int i = 0; i < 2; i++) {
            s.childSends(key, views).then().statusCode(201)
                    .header("Idempotent-Replayed", equalTo("true"))
                    .body("version", equalTo(1))
                    .body("sentAt", equalTo(sentAt))
                    .body("childId", equalTo(s.childId().toString()));
        }
        as(s.chair()).get(s.staffViews()).then().statusCode(200).body("latest.sentAt", equalTo(sentAt));
        assertEquals(1, s.sentRows(), "a retry makes no second version");
        assertEquals(1, s.audits(AuditAction.VIEWS_SENT));
        assertEquals(2, s.notifications().size(), "the chair and social worker are told once");
    }

    @Test
    void theSameKeyWithDifferentViewsIsRefused() {
        Setting s = Setting.create();
        String key = key();
        s.childSends(key, Api.views(GOOD, WORRIES, WISHES)).then().statusCode(201).body("version", equalTo(1));

        problem(s.childSends(key, Api.views(GOOD, WORRIES, "I changed my mind.")), 422, "idempotency-key-reused");
        assertEquals(1, s.sentRows());
        as(s.chair()).get(s.staffViews()).then().statusCode(200)
                .body("latest.version", equalTo(1))
                .body("latest.content.wishes.text", equalTo(WISHES));
    }

    @Test
    void aNewKeyMakesTheNextVersionAndTheHistoryKeepsEveryVersionVerbatim() {
        Setting s = Setting.create();
        s.childSends(key(), Api.views(GOOD, WORRIES, WISHES)).then().statusCode(201).body("version", equalTo(1));
        String laterWishes = "Actually I want to live with nan.\n  And keep my cat.  ";
        s.childSends(key(), Api.views(GOOD, "", laterWishes)).then().statusCode(201).body("version", equalTo(2))
                .header("Idempotent-Replayed", nullValue());

        as(s.chair()).get(s.staffViews()).then().statusCode(200)
                .body("latest.version", equalTo(2))
                .body("latest.content.wishes.text", equalTo(laterWishes))
                .body("latest.content.worries", nullValue())
                .body("versions.version", contains(2, 1))
                .body("versions.authorship", contains("CHILD", "CHILD"))
                .body("versions.sentBy", contains("CHILD", "CHILD"));
        as(s.chair()).get(s.staffViews() + "/versions/1").then().statusCode(200)
                .body("version", equalTo(1))
                .body("sentBy", equalTo("CHILD"))
                .body("content.goodThings.text", equalTo(GOOD))
                .body("content.worries.text", equalTo(WORRIES))
                .body("content.worries.parentsMaySee", equalTo(false))
                .body("content.wishes.text", equalTo(WISHES))
                .body("content.safety.score", equalTo(6))
                .body("content.takingPart.ways", contains("COME_TO_PART", "TALK_TO_CHAIR_BEFORE_BY_PHONE"))
                .body("content.questions.text", equalTo("Will I still see my dad?"));
        as(s.chair()).get(s.staffViews() + "/versions/2").then().statusCode(200)
                .body("content.wishes.text", equalTo(laterWishes));
        problem(as(s.chair()).get(s.staffViews() + "/versions/3"), 404, "not-found");
        assertEquals(2, s.sentRows());
    }

    @Test
    void afterSendingTheAuthorsDraftIsGone() {
        Setting s = Setting.create();
        Map<String, Object> views = Api.views(GOOD, WORRIES, WISHES);
        as(s.child()).body(views).put(s.childViews() + "/draft").then().statusCode(200);
        as(s.child()).get(s.childViews()).then().statusCode(200).body("draft.goodThings.text", equalTo(GOOD));
        as(s.child()).get("/api/child/me").then().body("conferences[0].draftSaved", equalTo(true));

        s.childSends(key(), views).then().statusCode(201).body("version", equalTo(1));

        as(s.child()).get(s.childViews()).then().statusCode(200)
                .body("draft", nullValue())
                .body("draftSavedAt", nullValue())
                .body("latestSent.version", equalTo(1))
                .body("latestSent.content.goodThings.text", equalTo(GOOD));
        as(s.child()).get("/api/child/me").then().body("conferences[0].draftSaved", equalTo(false))
                .body("conferences[0].sentVersion", equalTo(1));
        assertEquals(0, count("select count(*) from views where child_id = '" + s.childId() + "' and status = 'DRAFT'"));
    }

    @Test
    void aSentVersionCannotBeChangedOrDeletedEvenBehindTheAppsBack() {
        Setting s = Setting.create();
        s.childSends(key(), Api.views(GOOD, WORRIES, WISHES)).then().statusCode(201);

        IllegalStateException update = assertThrows(IllegalStateException.class, () -> Api.inTransaction(
                () -> Panache.getSession().flatMap(session -> session
                        .createNativeQuery("update views set safety_shared = not safety_shared "
                                + "where child_id = :child and status = 'SENT'")
                        .setParameter("child", s.childId()).executeUpdate())));
        assertTrue(causes(update).contains("sent views are immutable"), causes(update));
        // Only re-encryption may change a ciphertext (V9): not another answer's ciphertext, not taking one away.
        for (String change : List.of("wishes_enc = worries_enc", "wishes_enc = null", "safety_score_enc = null")) {
            IllegalStateException swap = assertThrows(IllegalStateException.class, () -> Api.inTransaction(
                    () -> Panache.getSession().flatMap(session -> session
                            .createNativeQuery("update views set " + change + " where child_id = :child and status = 'SENT'")
                            .setParameter("child", s.childId()).executeUpdate())));
            assertTrue(causes(swap).contains("sent views are immutable"), change + ": " + causes(swap));
        }

        IllegalStateException delete = assertThrows(IllegalStateException.class, () -> Api.inTransaction(
                () -> Panache.getSession().flatMap(session -> session
                        .createNativeQuery("delete from views where child_id = :child and status = 'SENT'")
                        .setParameter("child", s.childId()).executeUpdate())));
        assertTrue(causes(delete).contains("sent views are immutable"), causes(delete));

        as(s.chair()).get(s.staffViews() + "/versions/1").then().statusCode(200)
                .body("content.wishes.text", equalTo(WISHES));
        assertEquals(1, s.sentRows());
    }

    // ---- at the same time ----

    @Test
    void concurrentSendsWithTheSameKeyMakeExactlyOneVersion() throws Exception {
        Setting s = Setting.create();
        Map<String, Object> views = Api.views(GOOD, WORRIES, WISHES);
        String key = key();

        List<Response> answers = concurrently(8, i -> s.childSends(key, views));

        for (Response r : answers) {
            r.then().statusCode(201).body("version", equalTo(1));
        }
        long firsts = answers.stream().filter(r -> r.getHeader("Idempotent-Replayed") == null).count();
        assertEquals(1, firsts, "exactly one sending made the version; the rest were replays");
        assertEquals(1, answers.stream().map(r -> r.<String>path("sentAt")).distinct().count());
        assertEquals(1, s.sentRows());
        assertEquals(1, s.audits(AuditAction.VIEWS_SENT));
        assertEquals(2, s.notifications().size());
        assertEquals(1, count("select count(*) from idempotency_key where caller_id = '" + s.childId() + "'"));
    }

    @Test
    void concurrentSendsWithDifferentKeysMakeConsecutiveVersions() throws Exception {
        Setting s = Setting.create();
        int n = 8;

        List<Response> answers = concurrently(n, i -> s.childSends(key(), Api.views(GOOD, WORRIES, "Wish number " + i)));

        List<Integer> versions = new ArrayList<>();
        for (Response r : answers) {
            r.then().statusCode(201).header("Idempotent-Replayed", nullValue());
            versions.add(r.path("version"));
        }
        versions.sort(null);
        assertEquals(IntStream.rangeClosed(1, n).boxed().toList(), versions, "no gaps and no duplicates");

        List<Integer> stored = Api.inSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select version from views where child_id = :child and status = 'SENT' order by version",
                        Integer.class)
                .setParameter("child", s.childId()).getResultList()));
        assertEquals(IntStream.rangeClosed(1, n).boxed().toList(), stored);
        as(s.chair()).get(s.staffViews()).then().statusCode(200)
                .body("versions.version", contains(8, 7, 6, 5, 4, 3, 2, 1));

        // Each version came with its own audit record and its own two notifications.
        List<String> details = Api.inSession(() -> AuditEvent.<AuditEvent>list("childId = ?1 and action = ?2",
                s.childId(), AuditAction.VIEWS_SENT)).stream().map(e -> e.detail).sorted().toList();
        assertEquals(IntStream.rangeClosed(1, n).mapToObj(v -> "version " + v).sorted().toList(), details);
        assertEquals(2L * n, s.notifications().size());
    }

    // ---- all or nothing ----

    @Test
    void aVersionItsAuditRecordAndItsNotificationsCommitTogether() {
        Setting s = Setting.create();
        Map<String, Object> views = Api.views(GOOD, WORRIES, WISHES);
        String key = key();
        s.childSends(key(), Api.views("first", "second", "third")).then().statusCode(201).body("version", equalTo(1));
        assertEquals(1, s.audits(AuditAction.VIEWS_SENT));
        assertEquals(2, s.notifications().size());
        // (Delivering them is the sender's business, tested in NotificationDeliveryTest; it may already have happened.)
        assertTrue(s.notifications().stream().allMatch(n -> n.kind == NotificationKind.VIEWS_SENT));
        as(s.child()).body(views).put(s.childViews() + "/draft").then().statusCode(200);

        // The outbox refuses this child's notifications: the last write of the sending fails.
        String trigger = "refuse_notification_" + s.childId().toString().replace("-", "");
        sql("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                + "raise exception 'outbox unavailable (test)'; end; $$");
        sql("create trigger " + trigger + " before insert on notification for each row when (new.child_id = '"
                + s.childId() + "') execute function " + trigger + "()");
        try {
            problem(s.childSends(key, views), 500, "server-error");
        } finally {
            sql("drop trigger " + trigger + " on notification");
            sql("drop function " + trigger + "()");
        }

        // Nothing of the failed sending remains: no version, no audit record, no key, and the draft is still there.
        assertEquals(1, s.sentRows());
        assertEquals(1, s.audits(AuditAction.VIEWS_SENT));
        assertEquals(2, s.notifications().size());
        assertEquals(1, count("select count(*) from idempotency_key where caller_id = '" + s.childId() + "'"));
        as(s.child()).get(s.childViews()).then().statusCode(200)
                .body("draft.wishes.text", equalTo(WISHES))
                .body("latestSent.version", equalTo(1));

        // The same sending, retried with the same key, now goes through as a new version, not a replay.
        s.childSends(key, views).then().statusCode(201).body("version", equalTo(2))
                .header("Idempotent-Replayed", nullValue());
        assertEquals(2, s.sentRows());
        assertEquals(2, s.audits(AuditAction.VIEWS_SENT));
        assertEquals(4, s.notifications().size());
    }

    // ---- what cannot be sent ----

    @Test
    void viewsWithNothingAnsweredCannotBeSent() {
        Setting s = Setting.create();
        Map<String, Object> empty = new HashMap<>();
        empty.put("goodThings", Map.of("text", "   ", "parentsMaySee", true));
        empty.put("safety", Map.of("parentsMaySee", true));
        empty.put("authorship", Map.of("kind", "CHILD"));

        problem(s.childSends(key(), empty), 400, "nothing-to-send");
        problem(s.childSends(key(), Map.of("authorship", Map.of("kind", "CHILD"))), 400, "nothing-to-send");
        assertEquals(0, s.sentRows());
        assertEquals(0, s.audits(AuditAction.VIEWS_SENT));
    }

    @Test
    void viewsCannotBeSentForACancelledConference() {
        Setting s = Setting.create();
        as(s.socialWorker()).post("/api/conferences/" + s.conferenceId() + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));

        problem(s.childSends(key(), Api.views(GOOD, WORRIES, WISHES)), 409, "conflict");
        problem(s.advocateSends(key(), viewsWith(authorship("ADVOCATE_ON_BEHALF", null, true, null))), 409, "conflict");
        assertEquals(0, s.sentRows());
        assertTrue(s.notifications().isEmpty());
    }

    // ---- who wrote it ----

    @Test
    void anAllocatedAdvocateSendsOnTheChildsBehalfAndTheChairSeesItIsTheirAccount() {
        Setting s = Setting.create();
        String reason = "Jay fell asleep before I could read it back; I will read it to him tomorrow.";

        // A draft may be saved before the read-back is settled.
        as(s.advocate()).body(viewsWith(authorship("ADVOCATE_ON_BEHALF", null, null, null)))
                .put(s.staffViews() + "/draft").then().statusCode(200);
        as(s.advocate()).get(s.staffViews() + "/draft").then().statusCode(200)
                .body("draft.authorship.kind", equalTo("ADVOCATE_ON_BEHALF"))
                .body("draft.goodThings.text", equalTo(GOOD));

        invalid(s.advocateSends(key(), viewsWith(authorship("ADVOCATE_ON_BEHALF", null, null, null))),
                "authorship.readBackAgreed");
        invalid(s.advocateSends(key(), viewsWith(authorship("ADVOCATE_ON_BEHALF", null, false, null))),
                "authorship.notReadBackReason");
        invalid(s.advocateSends(key(), viewsWith(authorship("ADVOCATE_ON_BEHALF", null, false, "   "))),
                "authorship.notReadBackReason");
        assertEquals(0, s.sentRows());

        s.advocateSends(key(), viewsWith(authorship("ADVOCATE_ON_BEHALF", "Somebody Else", false, reason)))
                .then().statusCode(201).body("version", equalTo(1))
                .header("Location", endsWith(s.staffViews() + "/versions/1"));

        as(s.chair()).get(s.staffViews()).then().statusCode(200)
                .body("latest.version", equalTo(1))
                .body("latest.sentBy", equalTo("ADVOCATE"))
                .body("latest.content.authorship.kind", equalTo("ADVOCATE_ON_BEHALF"))
                .body("latest.content.authorship.helperName", equalTo(s.advocateName()))
                .body("latest.content.authorship.helperRole", equalTo("Advocate"))
                .body("latest.content.authorship.readBackAgreed", equalTo(false))
                .body("latest.content.authorship.notReadBackReason", equalTo(reason))
                .body("versions[0].authorship", equalTo("ADVOCATE_ON_BEHALF"));
        // The advocate's draft went with the sending.
        as(s.advocate()).get(s.staffViews() + "/draft").then().statusCode(200).body("draft", nullValue())
                .body("latestSent.version", equalTo(1));
        assertEquals(1, s.audits(AuditAction.VIEWS_SENT));
        assertTrue(Api.inSession(() -> AuditEvent.<AuditEvent>list("childId = ?1 and action = ?2", s.childId(),
                AuditAction.VIEWS_SENT)).stream().allMatch(e -> s.advocate().id().equals(e.actorId)
                        && "ADVOCATE".equals(e.actorRole)));
    }

    @Test
    void anAdvocateCannotPresentTheViewsAsTheChildsOwnWriting() {
        Setting s = Setting.create();
        invalid(as(s.advocate()).body(viewsWith(authorship("CHILD", null, true, null))).put(s.staffViews() + "/draft"),
                "authorship.kind");
        invalid(s.advocateSends(key(), viewsWith(authorship("CHILD", null, true, null))), "authorship.kind");
        assertEquals(0, s.sentRows());
    }

    @Test
    void anAdvocateNotAllocatedToTheChildCannotSendForThem() {
        Setting s = Setting.create();
        Staff otherAdvocate = Api.staff(Role.ADVOCATE);
        problem(Api.send(as(otherAdvocate), s.staffViews() + "/send", key(),
                viewsWith(authorship("ADVOCATE_ON_BEHALF", null, true, null))), 404, "not-found");
        assertEquals(0, s.sentRows());
    }

    @Test
    void aChildCannotClaimTheViewsAreAnAdvocatesAccount() {
        Setting s = Setting.create();
        invalid(as(s.child()).body(viewsWith(authorship("ADVOCATE_ON_BEHALF", null, true, null)))
                .put(s.childViews() + "/draft"), "authorship.kind");
        invalid(s.childSends(key(), viewsWith(authorship("ADVOCATE_ON_BEHALF", null, true, null))), "authorship.kind");
        assertEquals(0, s.sentRows());
    }

    @Test
    void aChildWrittenWithHelpMustSayWhoHelpedBeforeSending() {
        Setting s = Setting.create();
        // While drafting the helper may still be left out ...
        as(s.child()).body(viewsWith(authorship("CHILD_WITH_HELP", null, null, null))).put(s.childViews() + "/draft")
                .then().statusCode(200);
        // ... but not when sending.
        invalid(s.childSends(key(), viewsWith(authorship("CHILD_WITH_HELP", null, null, null))), "authorship.helperName");
        invalid(s.childSends(key(), viewsWith(authorship("CHILD_WITH_HELP", "  ", null, null))), "authorship.helperName");
        assertEquals(0, s.sentRows());

        Map<String, Object> helped = authorship("CHILD_WITH_HELP", "Mrs Khan", null, null);
        helped.put("helperRole", "Teacher");
        s.childSends(key(), viewsWith(helped)).then().statusCode(201).body("version", equalTo(1));
        as(s.chair()).get(s.staffViews()).then().statusCode(200)
                .body("latest.sentBy", equalTo("CHILD"))
                .body("latest.content.authorship.kind", equalTo("CHILD_WITH_HELP"))
                .body("latest.content.authorship.helperName", equalTo("Mrs Khan"))
                .body("latest.content.authorship.helperRole", equalTo("Teacher"))
                .body("latest.content.authorship.readBackAgreed", nullValue());
    }

    // ---- helpers ----

    static long count(String sql) {
        return Api.inSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(sql, Long.class).getSingleResult()));
    }

    static void sql(String statement) {
        Api.inTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(statement)
                .executeUpdate()));
    }

    static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
