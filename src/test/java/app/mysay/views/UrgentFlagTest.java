package app.mysay.views;

import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import app.mysay.notifications.Notification;
import app.mysay.notifications.NotificationKind;
import app.mysay.notifications.NotificationMail;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.GreenMailResource;
import app.mysay.support.GreenMailResource.InjectGreenMail;
import app.mysay.support.Mails;
import app.mysay.support.Waiting;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Words that may mean danger now: the social workers and managers are told at once, once, and never what was said. */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class UrgentFlagTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Test
    void flaggedWordsAlertTheSocialWorkerAndManagersOnceAndOfferTheChildHelp() throws Exception {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff manager = Api.staff(Role.MANAGER);
        String knownAs = "Quill" + Api.shortId().substring(0, 4);
        UUID child = Api.child(socialWorker, knownAs, null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        ChildLogin login = Api.childSignedIn(socialWorker, conference, child);
        String worries = "My stepdad hits me when mum is at work.";
        Map<String, Object> views = Api.views("Swimming.", worries, "To live with my aunt.");
        String key = UUID.randomUUID().toString();
        String path = "/api/child/conferences/" + conference + "/views/send";

        Api.send(as(login), path, key, views).then().statusCode(201).body("helpOffered", equalTo(true));
        Api.send(as(login), path, key, views).then().statusCode(201).body("helpOffered", equalTo(true));

        List<Notification> urgent = Api.inSession(() -> Notification.<Notification>list("conferenceId = ?1 and kind = ?2",
                conference, NotificationKind.URGENT_VIEWS));
        Set<UUID> recipients = urgent.stream().map(n -> n.recipientId).collect(Collectors.toSet());
        assertEquals(urgent.size(), recipients.size(), "one alert per person");
        assertTrue(recipients.containsAll(Set.of(socialWorker.id(), manager.id())), "the social worker and the manager");
        assertFalse(recipients.contains(chair.id()), "the chair hears through the usual notification");

        for (Staff person : List.of(socialWorker, manager)) {
            List<MimeMessage> mails = awaitMail(person, NotificationMail.URGENT_SUBJECT);
            assertEquals(1, mails.size(), "exactly one urgent e-mail to the " + person.role());
            String all = Mails.everything(mails.get(0));
            for (String secret : List.of("stepdad", "hits", knownAs, "Swimming", "aunt")) {
                assertFalse(all.contains(secret), "the e-mail never carries '" + secret + "'");
            }
        }

        as(socialWorker).get("/api/conferences/" + conference).then().statusCode(200)
                .body("urgent", equalTo(true))
                .body("children[0].attention", hasItem("URGENT_WORDS"));
        // The reasons are kept; the words that matched are not copied anywhere.
        String stored = Api.inSession(() -> Views.<Views>find("childId = ?1 and status = ?2", child, ViewsStatus.SENT)
                .firstResult().map(v -> v.urgentReasons));
        assertEquals("HURTING_ME", stored);
    }

    @Test
    void everydayWordsRaiseNoAlarm() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Rue", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        ChildLogin login = Api.childSignedIn(socialWorker, conference, child);
        Api.send(as(login), "/api/child/conferences/" + conference + "/views/send", UUID.randomUUID().toString(),
                Api.views("I hit the ball far at cricket.", "My brother hurt his knee.", "I feel safe at home."))
                .then().statusCode(201).body("helpOffered", equalTo(false));
        long urgent = Api.inSession(() -> Notification.count("conferenceId = ?1 and kind = ?2", conference,
                NotificationKind.URGENT_VIEWS));
        assertEquals(0, urgent);
        as(socialWorker).get("/api/conferences/" + conference).then().body("urgent", equalTo(false));
    }

    /**
     * A child who puts themselves low on the safety scale, with no worrying words, is urgent everywhere: the workspace,
     * the "please look today" e-mail to the social worker and managers, and the help lines on the child's screen.
     */
    @Test
    void aLowSafetyScoreIsUrgentInTheWorkspaceAndTheEmailAlike() throws Exception {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff manager = Api.staff(Role.MANAGER);
        UUID child = Api.child(socialWorker, "Wren", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        ChildLogin login = Api.childSignedIn(socialWorker, conference, child);
        Map<String, Object> views = new java.util.HashMap<>(Api.views("Drawing.", "Maths tests.", "A dog."));
        views.put("safety", Map.of("score", 3, "parentsMaySee", false));

        boolean helpOffered = Api.send(as(login), "/api/child/conferences/" + conference + "/views/send",
                UUID.randomUUID().toString(), views).then().statusCode(201).extract().path("helpOffered");

        as(socialWorker).get("/api/conferences/" + conference).then().statusCode(200)
                .body("urgent", equalTo(true))
                .body("children[0].attention", hasItem("LOW_SAFETY_SCORE"));
        for (Staff person : List.of(socialWorker, manager)) {
            Waiting.await("the 'please look today' e-mail to the " + person.role(),
                    () -> mailsTo(person, NotificationMail.URGENT_SUBJECT), m -> !m.isEmpty());
        }
        assertTrue(helpOffered, "the child is shown the help lines");
    }

    /** Waits for the first such e-mail, then a little longer so that a duplicate would have arrived too. */
    private List<MimeMessage> awaitMail(Staff person, String subject) {
        Waiting.await("an urgent e-mail to the " + person.role(), () -> mailsTo(person, subject), m -> !m.isEmpty());
        Waiting.sleep(Duration.ofSeconds(3));
        return mailsTo(person, subject);
    }

    private List<MimeMessage> mailsTo(Staff person, String subject) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return subject.equals(m.getSubject()) && Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> a instanceof InternetAddress ia && person.email().equalsIgnoreCase(ia.getAddress()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
