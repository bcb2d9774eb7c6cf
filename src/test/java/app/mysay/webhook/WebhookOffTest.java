package app.mysay.webhook;

import static app.mysay.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;

/** With no mysay.webhook.url (the default, and every other test's setting) nothing is written for the webhook. */
@QuarkusTest
class WebhookOffTest {

    @Inject
    WebhookSettings settings;

    @Test
    void withoutAUrlSendingViewsAndRecordingADecisionWriteNoDeliveries() {
        assertFalse(settings.enabled());
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Orla", Api.family(socialWorker), null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        ChildLogin login = Api.childSignedIn(socialWorker, conference, child);
        Api.send(as(login), "/api/child/conferences/" + conference + "/views/send", UUID.randomUUID().toString(),
                Api.views("Lego", "Nothing", "Pizza")).then().statusCode(201);
        Api.conferenceHasStarted(conference);
        as(chair).body(Map.of("children", List.of(Map.of("childId", child, "planNeeded", false))))
                .put("/api/conferences/" + conference + "/decision").then().statusCode(200);

        assertEquals(0L, (long) Api.inSession(() -> WebhookDelivery.count("conferenceId", conference)));
    }
}
