package app.mysay.notifications;

import static app.mysay.support.Waiting.await;
import static app.mysay.support.Mails.everything;
import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import app.mysay.children.Child;
import app.mysay.children.Family;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Management;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.GreenMailResource;
import app.mysay.support.GreenMailResource.InjectGreenMail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Delivering the outbox by e-mail, against a real SMTP server: one e-mail per person per sending, never a word of
 * content, nothing lost while the mail server is down, and never the same notification from two sender runs.
 */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class NotificationDeliveryTest {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    NotificationSender sender;

    @Inject
    Scheduler scheduler;

    /** A social worker, a chair, and a child of the social worker's in a family, invited to a conference. */
    record Setting(Staff socialWorker, Staff chair, String socialWorkerName, String chairName, String knownAs,
            UUID childId, UUID familyId, UUID conferenceId, ChildLogin child) {

        static Setting create() {
            String socialWorkerName = "Sasha Socialworker " + Api.shortId();
            String chairName = "Charlie Chairperson " + Api.shortId();
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER, socialWorkerName);
            Staff chair = Api.staff(Role.CHAIR, chairName);
            String knownAs = "Zephyrine" + Api.shortId().substring(0, 4);
            UUID family = Api.family(socialWorker);
            UUID child = Api.child(socialWorker, knownAs, family, null);
            UUID conference = Api.conference(socialWorker, chair, List.of(child));
            ChildLogin login = Api.childSignedIn(socialWorker, conference, child);
            return new Setting(socialWorker, chair, socialWorkerName, chairName, knownAs, child, family, conference,
                    login);
        }

        Response sends(String key, Object views) {
            return Api.send(as(child), "/api/child/conferences/" + conferenceId + "/views/send", key, views);
        }

        List<Notification> notifications() {
            return Api.inSession(() -> Notification.<Notification>list("conferenceId", conferenceId));
        }
    }

    // ---- exactly once per person per sending ----

    @Test
    void theChairAndTheSocialWorkerGetOneEmailEachPerSendingAndARetryAddsNone() {
        Setting s = Setting.create();
        String key = UUID.randomUUID().toString();
        Map<String, Object> views = Api.views("Drawing dragons", "The shouting", "A dog");
        s.sends(key, views).then().statusCode(201).body("version", equalTo(1));

        awaitMessages(s.chair(), 1);
        awaitMessages(s.socialWorker(), 1);

        // The phone never heard the answer and sends again with the same key: a replay, and no new e-mail.
        s.sends(key, views).then().statusCode(201).header("Idempotent-Replayed", "true");
        drain();
        assertEquals(1, messagesTo(s.chair()).size());
        assertEquals(1, messagesTo(s.socialWorker()).size());
        assertEquals(2, s.notifications().size());
        assertTrue(s.notifications().stream().allMatch(n -> n.sentAt != null && n.lastError == null));

        // A new sending is news again: one more each.
        s.sends(UUID.randomUUID().toString(), Api.views("Drawing dragons", "The shouting", "Two dogs"))
                .then().statusCode(201).body("version", equalTo(2));
        awaitMessages(s.chair(), 2);
        awaitMessages(s.socialWorker(), 2);
        drain();
        assertEquals(2, messagesTo(s.chair()).size());
        assertEquals(2, messagesTo(s.socialWorker()).size());

        // Delivered and failed notifications are counted, and the pending ones measured.
        String metrics = Management.metrics();
        assertTrue(metrics.contains("mysay_notifications_delivered_total"), "delivered counter");
        assertTrue(metrics.contains("mysay_notifications_failed_total"), "failed counter");
        assertTrue(metrics.contains("mysay_notifications_pending"), "pending gauge");
    }

    // ---- no content, no names ----

    @Test
    void anEmailSaysOnlyThatSomethingIsWaitingAndWhere() throws Exception {
        Setting s = Setting.create();
        Map<String, Object> views = Api.views("Trampolining with Bartholomew", "Quarrelling downstairs every night",
                "Live with Grandma Philippa");
        s.sends(UUID.randomUUID().toString(), views).then().statusCode(201);
        List<MimeMessage> received = new ArrayList<>(awaitMessages(s.chair(), 1));
        received.addAll(awaitMessages(s.socialWorker(), 1));

        String caseReference = Api.inSession(() -> Child.<Child>findById(s.childId())).caseReference;
        String familyReference = Api.inSession(() -> Family.<Family>findById(s.familyId())).reference;
        List<String> secrets = List.of("Trampolining", "Bartholomew", "Quarrelling", "downstairs", "Grandma",
                "Philippa", "My nan", "see my dad", s.knownAs(), caseReference, familyReference, s.chairName(),
                s.socialWorkerName(), "Civic Centre", s.childId().toString(), s.conferenceId().toString());
        for (MimeMessage message : received) {
            assertEquals(NotificationMail.SUBJECT, message.getSubject());
            String text = everything(message);
            for (String secret : secrets) {
                assertFalse(text.toLowerCase().contains(secret.toLowerCase()), "an e-mail must not contain " + secret);
            }
            assertTrue(text.contains("http://localhost:8080/staff"), "it links to the staff pages");
            assertTrue(text.contains("Something new is waiting for you in MySay"));
            List<String> types = new ArrayList<>();
            collectTypes(message.getContent(), types);
            assertTrue(types.stream().anyMatch(t -> t.startsWith("text/plain")), "a plain-text body: " + types);
            assertTrue(types.stream().anyMatch(t -> t.startsWith("text/html")), "an HTML body: " + types);
        }
    }

    // ---- the mail server is down, then up again ----

    @Test
    void nothingIsLostWhileTheMailServerIsDownAndNothingIsSentTwiceWhenItComesBack() {
        Setting s = Setting.create();
        greenMail.stop();
        try {
            s.sends(UUID.randomUUID().toString(), Api.views("Lego", "Nothing", "Pizza")).then().statusCode(201);

            // The sender keeps trying, and records why it could not deliver, without an address.
            List<Notification> failing = await("both notifications tried twice", s::notifications,
                    rows -> rows.size() == 2 && rows.stream().allMatch(n -> n.attempts >= 2));
            for (Notification n : failing) {
                assertEquals(null, n.sentAt);
                assertNotNull(n.lastError);
                assertFalse(n.lastError.contains("@"), n.lastError);
                assertNotNull(n.nextAttemptAt);
            }
        } finally {
            greenMail.start();
        }

        awaitMessages(s.chair(), 1);
        awaitMessages(s.socialWorker(), 1);
        drain();
        assertEquals(1, messagesTo(s.chair()).size());
        assertEquals(1, messagesTo(s.socialWorker()).size());
        List<Notification> rows = s.notifications();
        assertEquals(2, rows.size());
        assertTrue(rows.stream().allMatch(n -> n.sentAt != null && n.lastError == null && n.attempts >= 2));
    }

    // ---- someone who has left ----

    @Test
    void noEmailGoesToADisabledAccountAndTheRowSaysWhy() {
        Setting s = Setting.create();
        Api.inTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("update staff_account set enabled = false where id = :id")
                .setParameter("id", s.socialWorker().id()).executeUpdate()));
        s.sends(UUID.randomUUID().toString(), Api.views("Lego", "Nothing", "Pizza")).then().statusCode(201);

        awaitMessages(s.chair(), 1);
        Notification toSocialWorker = await("the social worker's notification set aside", s::notifications,
                rows -> rows.stream().anyMatch(n -> n.recipientId.equals(s.socialWorker().id()) && n.lastError != null))
                .stream().filter(n -> n.recipientId.equals(s.socialWorker().id())).findFirst().orElseThrow();
        assertEquals("recipient account disabled", toSocialWorker.lastError);
        assertEquals(null, toSocialWorker.sentAt);
        assertEquals(null, toSocialWorker.nextAttemptAt);
        drain();
        assertEquals(0, messagesTo(s.socialWorker()).size());
        assertEquals(1, messagesTo(s.chair()).size());
    }

    // ---- two sender runs at once ----

    @Test
    void twoSenderRunsAtOnceNeverDeliverTheSameNotification() throws Exception {
        scheduler.pause(NotificationSender.JOB);
        try {
            await("the scheduled sender is idle", () -> sender.idle(), idle -> idle);
            Setting s = Setting.create();
            int sendings = 6;
            for (int i = 0; i < sendings; i++) {
                s.sends(UUID.randomUUID().toString(), Api.views("Swimming " + i, "Nothing", "Chips"))
                        .then().statusCode(201).body("version", equalTo(i + 1));
            }
            assertEquals(2 * sendings, s.notifications().size());

            // Two runs, released together, each taking one notification at a time until none is left.
            CountDownLatch start = new CountDownLatch(1);
            Callable<Integer> run = () -> {
                start.await();
                int delivered = 0;
                for (int got = -1; got != 0; delivered += got) {
                    got = sender.deliverDue(1).await().atMost(DEADLINE);
                }
                return delivered;
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> a = pool.submit(run);
                Future<Integer> b = pool.submit(run);
                start.countDown();
                int total = a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS);
                assertTrue(total >= 2 * sendings, "every notification was delivered by one run or the other: " + total);
            } finally {
                pool.shutdownNow();
            }

            assertTrue(s.notifications().stream().allMatch(n -> n.sentAt != null));
            awaitMessages(s.chair(), sendings);
            awaitMessages(s.socialWorker(), sendings);
            assertEquals(sendings, messagesTo(s.chair()).size(), "never the same notification twice");
            assertEquals(sendings, messagesTo(s.socialWorker()).size(), "never the same notification twice");
        } finally {
            scheduler.resume(NotificationSender.JOB);
        }
    }

    // ---- helpers ----

    /** Sends whatever is due now, until nothing is. */
    private void drain() {
        while (sender.deliverDue(100).await().atMost(DEADLINE) > 0) {
            // again
        }
    }

    private List<MimeMessage> messagesTo(Staff staff) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> addressedTo(m, staff.email())).toList();
    }

    private List<MimeMessage> awaitMessages(Staff staff, int count) {
        return await(count + " e-mail(s) to the " + staff.role(), () -> messagesTo(staff), m -> m.size() >= count);
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

    private static void collectTypes(Object content, List<String> types) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                types.add(part.getContentType().toLowerCase());
                collectTypes(part.getContent(), types);
            }
        }
    }
}
