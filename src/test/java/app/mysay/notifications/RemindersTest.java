package app.mysay.notifications;

import static app.mysay.support.Mails.everything;
import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import app.mysay.security.Role;
import app.mysay.support.Waiting;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.GreenMailResource;
import app.mysay.support.GreenMailResource.InjectGreenMail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Reminders (written by {@link Reminders}, e-mailed by {@link NotificationSender}), the child's own "due soon" on their
 * home page, and each member of staff's own list of notifications. The scheduled reminder job is off in tests
 * ({@code %test.mysay.reminders.every=off}); the tests run it by hand and move conference dates with SQL.
 */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class RemindersTest {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final ZoneId ZONE = ZoneId.of("Europe/London");

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    Reminders reminders;

    /** A conference chaired by {@code chair}, run by {@code socialWorker}, about three signed-in children. */
    record Setting(Staff socialWorker, Staff chair, UUID conferenceId, List<UUID> children, List<ChildLogin> logins,
            List<String> names) {

        static Setting create() {
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER, "Sasha Socialworker " + Api.shortId());
            Staff chair = Api.staff(Role.CHAIR, "Charlie Chairperson " + Api.shortId());
            UUID family = Api.family(socialWorker);
            List<String> names = new ArrayList<>();
            List<UUID> children = new ArrayList<>();
            for (String name : List.of("Zephyrine", "Octavian", "Philomena")) {
                String knownAs = name + Api.shortId().substring(0, 4);
                names.add(knownAs);
                children.add(Api.child(socialWorker, knownAs, family, null));
            }
            UUID conference = Api.conference(socialWorker, chair, children);
            List<ChildLogin> logins = children.stream().map(c -> Api.childSignedIn(socialWorker, conference, c)).toList();
            return new Setting(socialWorker, chair, conference, children, logins, names);
        }

        void sends(int child, String words) {
            Api.send(as(logins.get(child)), "/api/child/conferences/" + conferenceId + "/views/send",
                    UUID.randomUUID().toString(), Api.views(words, "Nothing much", "Pizza on Fridays"))
                    .then().statusCode(201);
        }

        void chairReads(int child) {
            as(chair).post("/api/conferences/" + conferenceId + "/children/" + children.get(child) + "/read")
                    .then().statusCode(200);
        }

        /** Moves the conference's start and its views' due date, as time would. */
        void dates(Instant startsAt, LocalDate viewsDue) {
            Api.inTransaction(() -> Panache.getSession().flatMap(s -> s
                    .createNativeQuery("update conference set starts_at = :starts, views_due = :due where id = :id")
                    .setParameter("starts", startsAt).setParameter("due", viewsDue)
                    .setParameter("id", conferenceId).executeUpdate()));
        }

        void status(String status) {
            Api.inTransaction(() -> Panache.getSession().flatMap(s -> s
                    .createNativeQuery("update conference set status = :status where id = :id")
                    .setParameter("status", status).setParameter("id", conferenceId).executeUpdate()));
        }

        List<Notification> reminders() {
            return Api.inSession(() -> Notification.<Notification>list(
                    "conferenceId = ?1 and kind in ?2", conferenceId,
                    List.of(NotificationKind.VIEWS_DUE_SOON, NotificationKind.VIEWS_UNREAD)));
        }

        List<Notification> reminders(NotificationKind kind) {
            return reminders().stream().filter(n -> n.kind == kind).toList();
        }

        Response home(int child) {
            return as(logins.get(child)).get("/api/child/me");
        }
    }

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    static Instant inDays(long days) {
        return Instant.now().plus(days, ChronoUnit.DAYS);
    }

    private void runReminders() {
        reminders.writeDue().await().atMost(DEADLINE);
    }

    // ---- VIEWS_DUE_SOON ----

    @Test
    void theSocialWorkerIsRemindedOnlyInTheWindowAndOnlyForChildrenWhoHaveSentNothing() {
        Setting s = Setting.create();
        s.sends(1, "Octavian's football");

        // Due in five days: too early.
        s.dates(inDays(8), today().plusDays(5));
        runReminders();
        assertEquals(List.of(), s.reminders());

        // Due tomorrow: children 0 and 2 have sent nothing, child 1 has.
        s.dates(inDays(5), today().plusDays(1));
        runReminders();
        List<Notification> dueSoon = s.reminders(NotificationKind.VIEWS_DUE_SOON);
        assertEquals(2, dueSoon.size(), "one for each child without views: " + dueSoon);
        assertTrue(dueSoon.stream().allMatch(n -> n.recipientId.equals(s.socialWorker().id())));
        assertEquals(java.util.Set.of(s.children().get(0), s.children().get(2)),
                dueSoon.stream().map(n -> n.childId).collect(java.util.stream.Collectors.toSet()));
        assertEquals(List.of(), s.reminders(NotificationKind.VIEWS_UNREAD), "the meeting is days away");

        // Running again, or after another child sends, writes nothing new.
        runReminders();
        s.sends(2, "Philomena's drawing");
        runReminders();
        assertEquals(2, s.reminders(NotificationKind.VIEWS_DUE_SOON).size());

        // The same due date today: still no second reminder.
        s.dates(inDays(5), today());
        runReminders();
        assertEquals(2, s.reminders(NotificationKind.VIEWS_DUE_SOON).size());
    }

    @Test
    void noDueSoonReminderOnceTheDueDateHasPassed() {
        Setting s = Setting.create();
        s.dates(inDays(3), today().minusDays(1));
        runReminders();
        assertEquals(List.of(), s.reminders());
    }

    // ---- VIEWS_UNREAD ----

    @Test
    void theChairIsRemindedOfUnreadNewestViewsOnlyWhenTheConferenceIsWithinADay() {
        Setting s = Setting.create();
        s.sends(0, "Zephyrine's swimming");
        s.chairReads(0);
        s.sends(1, "Octavian's football");
        s.sends(2, "Philomena's drawing");
        s.chairReads(2);
        s.sends(2, "Philomena's drawing, changed");

        // Two days away: too early.
        s.dates(inDays(2), today().minusDays(3));
        runReminders();
        assertEquals(List.of(), s.reminders());

        // Twelve hours away: child 1 (never read) and child 2 (an earlier version read); child 0 is read.
        s.dates(Instant.now().plus(12, ChronoUnit.HOURS), today().minusDays(3));
        runReminders();
        List<Notification> unread = s.reminders(NotificationKind.VIEWS_UNREAD);
        assertEquals(2, unread.size(), unread.toString());
        assertTrue(unread.stream().allMatch(n -> n.recipientId.equals(s.chair().id())));
        assertEquals(java.util.Set.of(s.children().get(1), s.children().get(2)),
                unread.stream().map(n -> n.childId).collect(java.util.stream.Collectors.toSet()));
        assertEquals(List.of(), s.reminders(NotificationKind.VIEWS_DUE_SOON), "the due date has passed");

        runReminders();
        assertEquals(2, s.reminders(NotificationKind.VIEWS_UNREAD).size(), "never twice");
    }

    @Test
    void noReminderOnceTheChairHasReadTheNewestViews() {
        Setting s = Setting.create();
        for (int child = 0; child < 3; child++) {
            s.sends(child, "Words " + child);
            s.chairReads(child);
        }
        s.dates(Instant.now().plus(6, ChronoUnit.HOURS), today().minusDays(2));
        runReminders();
        assertEquals(List.of(), s.reminders());
    }

    // ---- never for cancelled or held conferences ----

    @Test
    void noRemindersForCancelledOrHeldConferences() {
        Setting cancelled = Setting.create();
        cancelled.sends(1, "Words");
        as(cancelled.socialWorker()).post("/api/conferences/" + cancelled.conferenceId() + "/cancel")
                .then().statusCode(200);
        Setting held = Setting.create();
        held.sends(1, "Words");
        held.status("HELD");
        for (Setting s : List.of(cancelled, held)) {
            s.dates(Instant.now().plus(12, ChronoUnit.HOURS), today());
        }
        runReminders();
        assertEquals(List.of(), cancelled.reminders());
        assertEquals(List.of(), held.reminders());

        // The same dates on a scheduled conference do remind: the test would catch a broken window.
        Setting scheduled = Setting.create();
        scheduled.sends(1, "Words");
        scheduled.dates(Instant.now().plus(12, ChronoUnit.HOURS), today());
        runReminders();
        assertEquals(2, scheduled.reminders(NotificationKind.VIEWS_DUE_SOON).size());
        assertEquals(1, scheduled.reminders(NotificationKind.VIEWS_UNREAD).size());
    }

    // ---- several instances at once ----

    @Test
    void runsAtOnceWriteEachReminderExactlyOnce() throws Exception {
        List<Setting> settings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Setting s = Setting.create();
            s.sends(1, "Words " + i);
            s.dates(Instant.now().plus(12, ChronoUnit.HOURS), today().plusDays(1));
            settings.add(s);
        }
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> run = () -> {
            start.await();
            int written = 0;
            for (int i = 0; i < 3; i++) {
                written += reminders.writeDue().await().atMost(DEADLINE);
            }
            return written;
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(run));
            }
            start.countDown();
            for (Future<Integer> f : runs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (Setting s : settings) {
            assertEquals(2, s.reminders(NotificationKind.VIEWS_DUE_SOON).size(), "children 0 and 2, once each");
            assertEquals(1, s.reminders(NotificationKind.VIEWS_UNREAD).size(), "child 1, once");
        }
    }

    // ---- the e-mails ----

    @Test
    void remindersArriveByEmailWithNoNamesOrWords() throws Exception {
        Setting s = Setting.create();
        s.sends(1, "Trampolining with Bartholomew");
        s.dates(Instant.now().plus(12, ChronoUnit.HOURS), today());
        runReminders();

        // The social worker: one VIEWS_SENT e-mail (child 1's sending) and two reminders (children 0 and 2).
        List<MimeMessage> toSocialWorker = awaitMessages(s.socialWorker(), 3);
        // The chair: one VIEWS_SENT e-mail and one reminder (child 1's views, unread).
        List<MimeMessage> toChair = awaitMessages(s.chair(), 2);
        assertEquals(2, toSocialWorker.stream().filter(m -> subject(m).equals(NotificationMail.REMINDER_SUBJECT)).count());
        assertEquals(1, toChair.stream().filter(m -> subject(m).equals(NotificationMail.REMINDER_SUBJECT)).count());

        List<String> secrets = new ArrayList<>(List.of("Trampolining", "Bartholomew", "Pizza", "Civic Centre",
                s.conferenceId().toString()));
        secrets.addAll(s.names());
        s.children().forEach(c -> secrets.add(c.toString()));
        List<MimeMessage> all = new ArrayList<>(toSocialWorker);
        all.addAll(toChair);
        for (MimeMessage message : all) {
            String text = everything(message);
            for (String secret : secrets) {
                assertFalse(text.toLowerCase().contains(secret.toLowerCase()), "an e-mail must not contain " + secret);
            }
            assertTrue(text.contains("http://localhost:8080/staff"), "it links to the staff pages");
        }
        assertTrue(everything(toSocialWorker.stream()
                .filter(m -> subject(m).equals(NotificationMail.REMINDER_SUBJECT)).findFirst().orElseThrow())
                .contains("A reminder is waiting for you in MySay"));
        Waiting.await("every reminder recorded as sent", s::reminders,
                rows -> rows.size() == 3 && rows.stream().allMatch(n -> n.sentAt != null));
    }

    // ---- the child's own reminder ----

    @Test
    void theChildsHomeSaysTheViewsAreDueSoonOnlyInTheWindowAndUntilTheyAreSent() {
        Setting s = Setting.create();
        s.home(0).then().statusCode(200).body("conferences", hasSize(1))
                .body("conferences[0].viewsDueSoon", equalTo(false));

        s.dates(inDays(5), today().plusDays(1));
        s.home(0).then().statusCode(200).body("conferences[0].viewsDueSoon", equalTo(true));
        s.home(2).then().statusCode(200).body("conferences[0].viewsDueSoon", equalTo(true));

        // Once the child has sent views, nothing is due any more.
        s.sends(0, "Zephyrine's swimming");
        s.home(0).then().statusCode(200).body("conferences[0].viewsDueSoon", equalTo(false));
        s.home(2).then().statusCode(200).body("conferences[0].viewsDueSoon", equalTo(true));

        // Past the due date, or too far off: no.
        s.dates(inDays(5), today().minusDays(1));
        s.home(2).then().statusCode(200).body("conferences[0].viewsDueSoon", equalTo(false));
        s.dates(inDays(8), today().plusDays(4));
        s.home(2).then().statusCode(200).body("conferences[0].viewsDueSoon", equalTo(false));

        // A cancelled conference never is.
        s.dates(inDays(5), today().plusDays(1));
        as(s.socialWorker()).post("/api/conferences/" + s.conferenceId() + "/cancel").then().statusCode(200);
        s.home(2).then().statusCode(200).body("conferences[0].viewsDueSoon", equalTo(false));
    }

    // ---- the workspace list ----

    @Test
    void staffSeeOnlyTheirOwnNotificationsNewestFirstAndMayMarkOnlyTheirOwnRead() {
        Setting s = Setting.create();
        s.sends(0, "Zephyrine's swimming");
        s.sends(1, "Octavian's football");
        Staff someoneElse = Api.staff(Role.SOCIAL_WORKER);

        List<Notification> socialWorkersRows = Api.inSession(() -> Notification.<Notification>list(
                "recipientId", s.socialWorker().id()));
        assertEquals(2, socialWorkersRows.size());

        Response list = as(s.socialWorker()).get("/api/notifications");
        list.then().statusCode(200).body("$", hasSize(2))
                .body("[0].kind", equalTo("VIEWS_SENT"))
                .body("[0].conferenceId", equalTo(s.conferenceId().toString()))
                .body("[0].childId", equalTo(s.children().get(1).toString()))
                .body("[1].childId", equalTo(s.children().get(0).toString()))
                .body("[0].readAt", equalTo(null));
        String body = list.asString();
        for (String name : s.names()) {
            assertFalse(body.contains(name), "no names in the list");
        }
        assertFalse(body.contains("football"), "no words in the list");
        List<String> ids = list.jsonPath().getList("id", String.class);
        assertEquals(socialWorkersRows.stream().map(n -> n.id.toString()).sorted().toList(),
                ids.stream().sorted().toList());

        // The chair has their own, and nobody else sees them.
        as(s.chair()).get("/api/notifications").then().statusCode(200).body("$", hasSize(2))
                .body("[0].keySet()", equalTo(java.util.Set.of("id", "kind", "conferenceId", "childId", "createdAt",
                        "readAt")));
        List<String> chairs = as(s.chair()).get("/api/notifications").jsonPath().getList("id", String.class);
        assertTrue(chairs.stream().noneMatch(ids::contains));
        as(someoneElse).get("/api/notifications").then().statusCode(200).body("$", hasSize(0));

        // Marking read: the owner can, once; anyone else gets 404, as for an id that does not exist.
        String first = ids.get(0);
        as(someoneElse).post("/api/notifications/" + first + "/read").then().statusCode(404);
        as(s.chair()).post("/api/notifications/" + first + "/read").then().statusCode(404);
        as(s.socialWorker()).post("/api/notifications/" + UUID.randomUUID() + "/read").then().statusCode(404);
        String readAt = as(s.socialWorker()).post("/api/notifications/" + first + "/read").then().statusCode(200)
                .body("id", equalTo(first)).extract().path("readAt");
        assertTrue(readAt != null);
        as(s.socialWorker()).post("/api/notifications/" + first + "/read").then().statusCode(200)
                .body("readAt", equalTo(readAt));
        as(s.socialWorker()).get("/api/notifications").then().statusCode(200)
                .body("find { it.id == '" + first + "' }.readAt", equalTo(readAt))
                .body("find { it.id == '" + ids.get(1) + "' }.readAt", equalTo(null));

        // Marking read leaves delivery alone.
        Waiting.await("the social worker's e-mails sent", () -> Api.inSession(
                () -> Notification.<Notification>list("recipientId", s.socialWorker().id())),
                rows -> rows.stream().allMatch(n -> n.sentAt != null));
        Notification marked = Api.inSession(() -> Notification.<Notification>findById(UUID.fromString(first)));
        assertTrue(marked.readAt != null && marked.sentAt != null);

        // Children have no workspace.
        as(s.logins().get(0)).get("/api/notifications").then().statusCode(403);
        as(s.logins().get(0)).post("/api/notifications/" + first + "/read").then().statusCode(403);
    }

    // ---- helpers ----

    private List<MimeMessage> messagesTo(Staff staff) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> addressedTo(m, staff.email())).toList();
    }

    private List<MimeMessage> awaitMessages(Staff staff, int count) {
        List<MimeMessage> got = Waiting.await(count + " e-mail(s) to the " + staff.role(),
                () -> messagesTo(staff), m -> m.size() >= count);
        try {
            Thread.sleep(1500); // one more sender run: nothing extra may arrive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(count, messagesTo(staff).size(), "no more e-mails than expected");
        return got;
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean addressedTo(MimeMessage message, String email) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to)
                    .anyMatch(a -> a instanceof InternetAddress ia && email.equalsIgnoreCase(ia.getAddress()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
