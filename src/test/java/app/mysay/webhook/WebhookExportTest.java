package app.mysay.webhook;

import static app.mysay.support.Waiting.await;
import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.mysay.children.Child;
import app.mysay.children.Family;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Management;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.WebhookReceiver;
import app.mysay.support.WebhookReceiver.InjectWebhookReceiver;
import app.mysay.support.WebhookReceiver.Received;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The webhook export against a real HTTP receiver: one signed event per sending and per decision, no child's words in
 * it, the same bytes and delivery id on every retry, nothing lost while the receiver is down, and a delivery given up
 * (and counted) after the configured number of attempts. The signature is checked here independently of MySay's code.
 */
@QuarkusTest
@WithTestResource(value = WebhookReceiver.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class WebhookExportTest {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectWebhookReceiver
    WebhookReceiver receiver;

    record Setting(Staff socialWorker, Staff chair, String knownAs, UUID childId, UUID familyId, UUID conferenceId,
            ChildLogin child) {

        static Setting create() {
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER, "Sasha Socialworker " + Api.shortId());
            Staff chair = Api.staff(Role.CHAIR, "Charlie Chairperson " + Api.shortId());
            String knownAs = "Zephyrine" + Api.shortId().substring(0, 4);
            UUID family = Api.family(socialWorker);
            UUID child = Api.child(socialWorker, knownAs, family, null);
            UUID conference = Api.conference(socialWorker, chair, List.of(child));
            ChildLogin login = Api.childSignedIn(socialWorker, conference, child);
            return new Setting(socialWorker, chair, knownAs, child, family, conference, login);
        }

        Response sends(String key, Object views) {
            return Api.send(as(child), "/api/child/conferences/" + conferenceId + "/views/send", key, views);
        }

        List<WebhookDelivery> deliveries() {
            return Api.inSession(() -> WebhookDelivery.<WebhookDelivery>list("conferenceId = ?1 order by createdAt, id",
                    conferenceId));
        }

        String caseReference() {
            return Api.inSession(() -> Child.<Child>findById(childId)).caseReference;
        }
    }

    // ---- one event per sending, signed, and no content ----

    @Test
    void eachSendingIsAnnouncedOnceSignedAndWithoutTheChildsWords() throws Exception {
        Setting s = Setting.create();
        String key = UUID.randomUUID().toString();
        Map<String, Object> views = Api.views("Trampolining with Bartholomew", "Quarrelling downstairs every night",
                "Live with Grandma Philippa");
        s.sends(key, views).then().statusCode(201).body("version", equalTo(1));

        List<WebhookDelivery> rows = awaitDelivered(s, 1);
        // A retried sending (same Idempotency-Key) is a replay: it announces nothing new.
        s.sends(key, views).then().statusCode(201).header("Idempotent-Replayed", "true");
        Received request = awaitRequests(s, 1).get(0);
        WebhookDelivery row = rows.get(0);

        assertEquals("POST", request.method());
        assertEquals("/mysay-events", request.path());
        assertTrue(request.header("Content-Type").startsWith("application/json"), request.header("Content-Type"));
        assertEquals(row.id.toString(), request.header("MySay-Delivery"));
        assertSigned(request);
        assertArrayEquals(row.body, request.body(), "the bytes stored are the bytes sent");
        assertEquals(1, row.attempts);
        assertNotNull(row.deliveredAt);
        assertNull(row.lastError);

        JsonNode body = JSON.readTree(request.body());
        assertEquals(Set.of("id", "event", "occurredAt", "conferenceId", "childId", "caseReference", "version", "links"),
                fields(body), "nothing but the event");
        assertEquals(row.id.toString(), body.get("id").asText());
        assertEquals("views.sent", body.get("event").asText());
        assertEquals(s.conferenceId().toString(), body.get("conferenceId").asText());
        assertEquals(s.childId().toString(), body.get("childId").asText());
        assertEquals(s.caseReference(), body.get("caseReference").asText());
        assertEquals(1, body.get("version").asInt());
        Instant occurredAt = Instant.parse(body.get("occurredAt").asText());
        assertTrue(Duration.between(occurredAt, Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0);
        String summary = "http://localhost:8080/api/conferences/" + s.conferenceId() + "/summary";
        assertEquals(summary, body.get("links").get("summaryJson").asText());
        assertEquals(summary, body.get("links").get("summaryPdf").asText());

        String text = request.bodyText().toLowerCase();
        String familyReference = Api.inSession(() -> Family.<Family>findById(s.familyId())).reference;
        for (String secret : List.of("Trampolining", "Bartholomew", "Quarrelling", "downstairs", "Grandma", "Philippa",
                "My nan", "see my dad", s.knownAs(), familyReference, "Sasha", "Charlie", "Civic Centre")) {
            assertFalse(text.contains(secret.toLowerCase()), "the event must not contain " + secret);
        }

        // A new sending is a new event, with its own id and version.
        s.sends(UUID.randomUUID().toString(), Api.views("Trampolining", "Nothing", "Pizza")).then().statusCode(201)
                .body("version", equalTo(2));
        awaitDelivered(s, 2);
        List<Received> both = awaitRequests(s, 2);
        pause();
        assertEquals(2, receiver.about(s.conferenceId()).size(), "exactly one request per sending");
        JsonNode second = JSON.readTree(both.get(1).body());
        assertEquals(2, second.get("version").asInt());
        assertFalse(second.get("id").asText().equals(body.get("id").asText()));
        assertSigned(both.get(1));
    }

    // ---- the receiver fails, then accepts ----

    @Test
    void aFailedDeliveryIsRetriedWithTheSameBytesAndIdUntilAccepted() throws Exception {
        Setting s = Setting.create();
        // A server error, then a client error (still retried: the receiver may be mid-deployment), then 200.
        receiver.plan(s.conferenceId(), 500, 400);
        s.sends(UUID.randomUUID().toString(), Api.views("Lego", "Nothing", "Pizza")).then().statusCode(201);

        WebhookDelivery row = awaitDelivered(s, 1).get(0);
        List<Received> requests = awaitRequests(s, 3);
        pause();
        requests = receiver.about(s.conferenceId());
        assertEquals(List.of(500, 400, 200), requests.stream().map(Received::answered).toList());
        for (Received r : requests) {
            assertEquals(row.id.toString(), r.header("MySay-Delivery"), "the same delivery id every time");
            assertArrayEquals(row.body, r.body(), "the same bytes every time");
            assertSigned(r);
        }
        assertEquals(3, row.attempts);
        assertNull(row.lastError);
        assertNull(row.failedAt);
    }

    // ---- the receiver is down, then up ----

    @Test
    void nothingIsLostWhileTheReceiverIsDownAndEachEventArrivesOnceWhenItIsBack() {
        Setting s = Setting.create();
        receiver.down();
        try {
            s.sends(UUID.randomUUID().toString(), Api.views("Lego", "Nothing", "Pizza")).then().statusCode(201);
            s.sends(UUID.randomUUID().toString(), Api.views("Lego", "Nothing", "Chips")).then().statusCode(201);
            List<WebhookDelivery> failing = await("both deliveries tried and failed", s::deliveries,
                    rows -> rows.size() == 2 && rows.stream().allMatch(d -> d.attempts >= 1 && d.lastError != null));
            for (WebhookDelivery d : failing) {
                assertNull(d.deliveredAt);
                assertNull(d.failedAt);
                assertEquals("cannot connect to the receiver", d.lastError);
                assertNotNull(d.nextAttemptAt);
            }
        } finally {
            receiver.up();
        }

        List<WebhookDelivery> rows = awaitDelivered(s, 2);
        awaitRequests(s, 2);
        pause();
        List<Received> requests = receiver.about(s.conferenceId());
        assertEquals(2, requests.size(), "each event once");
        assertEquals(rows.stream().map(d -> d.id.toString()).collect(Collectors.toSet()),
                requests.stream().map(r -> r.header("MySay-Delivery")).collect(Collectors.toSet()));
        requests.forEach(WebhookExportTest::assertSigned);
        assertTrue(rows.stream().allMatch(d -> d.lastError == null && d.attempts >= 2));
    }

    // ---- the chair's decision ----

    @Test
    void aRecordedDecisionIsAnnouncedForEachChildWithoutTheMessage() throws Exception {
        Setting s = Setting.create();
        UUID sibling = Api.child(s.socialWorker(), "Quillon" + Api.shortId().substring(0, 4), s.familyId(), null);
        UUID conference = Api.conference(s.socialWorker(), s.chair(), List.of(s.childId(), sibling));
        Api.conferenceHasStarted(conference);
        String message = "Thank you Zephyrine, we read every word about the trampoline";
        as(s.chair()).body(Map.of("nextReviewDate", java.time.LocalDate.now().plusMonths(3).toString(),
                "children", List.of(
                        Map.of("childId", s.childId(), "planNeeded", true, "category", "NEGLECT", "messageForChild", message),
                        Map.of("childId", sibling, "planNeeded", false))))
                .put("/api/conferences/" + conference + "/decision").then().statusCode(200);

        List<WebhookDelivery> rows = await("two delivered decision events",
                () -> Api.inSession(() -> WebhookDelivery.<WebhookDelivery>list("conferenceId", conference)),
                list -> list.size() == 2 && list.stream().allMatch(d -> d.deliveredAt != null));
        List<Received> requests = await("two decision requests", () -> receiver.about(conference), l -> l.size() >= 2);
        pause();
        assertEquals(2, receiver.about(conference).size());
        Set<String> children = new LinkedHashSet<>();
        for (Received r : requests) {
            assertSigned(r);
            JsonNode body = JSON.readTree(r.body());
            assertEquals("decision.recorded", body.get("event").asText());
            assertEquals(Set.of("id", "event", "occurredAt", "conferenceId", "childId", "caseReference", "links"),
                    fields(body), "no version, no decision details, no message");
            children.add(body.get("childId").asText());
            String text = r.bodyText().toLowerCase();
            for (String secret : List.of("trampoline", "Thank you", "NEGLECT", "planNeeded", s.knownAs())) {
                assertFalse(text.contains(secret.toLowerCase()), "the event must not contain " + secret);
            }
        }
        assertEquals(Set.of(s.childId().toString(), sibling.toString()), children);
        assertTrue(rows.stream().allMatch(d -> d.event.equals("decision.recorded")));
    }

    // ---- giving up ----

    @Test
    void aDeliveryTheReceiverKeepsRefusingIsGivenUpAfterMaxAttemptsAndCounted() {
        Setting s = Setting.create();
        receiver.plan(s.conferenceId(), 503, 503, 503, 503, 503, 503);
        double givenUpBefore = metric("mysay_webhook_given_up_total");
        s.sends(UUID.randomUUID().toString(), Api.views("Lego", "Nothing", "Pizza")).then().statusCode(201);

        WebhookDelivery row = await("the delivery given up", s::deliveries,
                rows -> rows.size() == 1 && rows.get(0).failedAt != null).get(0);
        assertEquals(4, row.attempts, "mysay.webhook.max-attempts in this test");
        assertEquals("receiver answered 503", row.lastError);
        assertNull(row.deliveredAt);
        assertNull(row.nextAttemptAt);
        pause();
        assertEquals(4, receiver.about(s.conferenceId()).size(), "no more attempts once given up");
        assertEquals(givenUpBefore + 1, metric("mysay_webhook_given_up_total"));
        String metrics = Management.metrics();
        assertTrue(metrics.contains("mysay_webhook_delivered_total"), "delivered counter");
        assertTrue(metrics.contains("mysay_webhook_failed_total"), "failed counter");
        assertTrue(metrics.contains("mysay_webhook_pending"), "pending gauge");
    }

    // ---- helpers ----

    /** Verifies MySay-Signature as a receiver would: HMAC-SHA256 of "<t>.<body>", and a recent t. */
    static void assertSigned(Received request) {
        String header = request.header("MySay-Signature");
        assertNotNull(header, "signed");
        Map<String, String> parts = java.util.Arrays.stream(header.split(","))
                .map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
        long t = Long.parseLong(parts.get("t"));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - t) < 300, "a recent timestamp");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WebhookReceiver.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(request.body());
            assertTrue(MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.get("v1"))),
                    "a valid signature: " + header);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> fields(JsonNode body) {
        Set<String> names = new LinkedHashSet<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static double metric(String name) {
        String metrics = Management.metrics();
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static List<WebhookDelivery> awaitDelivered(Setting s, int count) {
        return await(count + " delivered", s::deliveries,
                rows -> rows.size() == count && rows.stream().allMatch(d -> d.deliveredAt != null));
    }

    private List<Received> awaitRequests(Setting s, int count) {
        return await(count + " request(s) received", () -> receiver.about(s.conferenceId()), l -> l.size() >= count);
    }

    /** Long enough for a further (wrong) attempt to arrive: more than the sender's period and the test back-off. */
    private static void pause() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
