package app.mysay.webhook;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.mysay.children.Child;
import app.mysay.children.ChildRepository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Writes webhook deliveries in the caller's transaction, when a webhook is configured: if the event commits, so does
 * the promise to announce it. {@link WebhookSender} posts them after the commit. The body is an event, not content:
 * ids, the case reference and where to fetch the conference pack with the receiver's own credentials.
 */
@ApplicationScoped
public class WebhookOutbox implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    private final WebhookSettings settings;
    private final ChildRepository children;
    private final ObjectMapper json;
    private final String publicUrl;

    WebhookOutbox(WebhookSettings settings, ChildRepository children, ObjectMapper json,
            @ConfigProperty(name = "mysay.public-url") String publicUrl) {
        this.settings = settings;
        this.children = children;
        this.json = json;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** A new version of a child's views was sent. */
    public Uni<Void> viewsSent(UUID conferenceId, UUID childId, int version, Instant occurredAt) {
        if (!settings.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return children.findById(childId)
                .flatMap(child -> persist(delivery(WebhookEvent.VIEWS_SENT, conferenceId, child, version, occurredAt)))
                .replaceWithVoid();
    }

    /** The chair recorded (or corrected) the decision: one event per child the conference covers. */
    public Uni<Void> decisionRecorded(UUID conferenceId, Collection<UUID> childIds, Instant occurredAt) {
        if (!settings.enabled() || childIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return children.list("id in ?1 order by id", List.copyOf(childIds))
                .flatMap(list -> persist(list.stream()
                        .map(child -> delivery(WebhookEvent.DECISION_RECORDED, conferenceId, child, null, occurredAt))))
                .replaceWithVoid();
    }

    public Uni<List<WebhookDelivery>> forConference(UUID conferenceId) {
        return list("conferenceId = ?1 order by createdAt, id", conferenceId);
    }

    private WebhookDelivery delivery(WebhookEvent event, UUID conferenceId, Child child, Integer version,
            Instant occurredAt) {
        WebhookDelivery d = new WebhookDelivery();
        d.id = UUID.randomUUID();
        d.event = event.wireName();
        d.conferenceId = conferenceId;
        d.childId = child.id;
        d.createdAt = occurredAt;
        d.nextAttemptAt = occurredAt;
        d.body = body(d.id, event, occurredAt, conferenceId, child, version);
        return d;
    }

    private byte[] body(UUID id, WebhookEvent event, Instant occurredAt, UUID conferenceId, Child child,
            Integer version) {
        String summary = publicUrl + "/api/conferences/" + conferenceId + "/summary";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("event", event.wireName());
        body.put("occurredAt", occurredAt.toString());
        body.put("conferenceId", conferenceId.toString());
        body.put("childId", child.id.toString());
        body.put("caseReference", child.caseReference);
        if (version != null) {
            body.put("version", version);
        }
        // One address for both: the receiver asks for JSON or PDF with its Accept header.
        Map<String, String> links = new LinkedHashMap<>();
        links.put("summaryJson", summary);
        links.put("summaryPdf", summary);
        body.put("links", links);
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
