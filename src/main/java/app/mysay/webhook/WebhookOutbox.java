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

import app.mysay.children.ChildRepository;
import app.mysay.common.Timestamps;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes webhook deliveries in the caller's transaction, when a webhook is configured: if the event commits, so does
 * the promise to announce it. {@link WebhookSender} posts them after the commit. The body is an event, not content:
 * ids, the case reference and where to fetch the conference pack with the receiver's own credentials.
 */
@ApplicationScoped
public class WebhookOutbox implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    static final String INSERT = "insert into webhook_delivery (id, event, conference_id, child_id, body, created_at, "
            + "next_attempt_at, attempts) values ($1, $2, $3, $4, $5, $6, $7, $8)";

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

    /**
     * A new version of a child's views was sent: written in the sending's transaction, which runs on the SQL client
     * (see {@code app.mysay.views.SendingTransaction}).
     */
    public Uni<Void> viewsSent(SqlConnection connection, UUID conferenceId, UUID childId, String caseReference,
            int version, Instant occurredAt) {
        if (!settings.enabled()) {
            return Uni.createFrom().voidItem();
        }
        WebhookDelivery d = delivery(WebhookEvent.VIEWS_SENT, conferenceId, childId, caseReference, version, occurredAt);
        return connection.preparedQuery(INSERT).execute(Tuple.from(new Object[] { d.id, d.event, d.conferenceId,
                d.childId, d.body, Timestamps.utc(d.createdAt), Timestamps.utc(d.nextAttemptAt),
                d.attempts })).replaceWithVoid();
    }

    /** The chair recorded (or corrected) the decision: one event per child the conference covers. */
    public Uni<Void> decisionRecorded(UUID conferenceId, Collection<UUID> childIds, Instant occurredAt) {
        if (!settings.enabled() || childIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return children.list("id in ?1 order by id", List.copyOf(childIds))
                .flatMap(list -> persist(list.stream()
                        .map(child -> delivery(WebhookEvent.DECISION_RECORDED, conferenceId, child.id, child.caseReference, null,
                                occurredAt))))
                .replaceWithVoid();
    }

    public Uni<List<WebhookDelivery>> forConference(UUID conferenceId) {
        return list("conferenceId = ?1 order by createdAt, id", conferenceId);
    }

    private WebhookDelivery delivery(WebhookEvent event, UUID conferenceId, UUID childId, String caseReference,
            Integer version, Instant occurredAt) {
        WebhookDelivery d = new WebhookDelivery();
        d.id = UUID.randomUUID();
        d.event = event.wireName();
        d.conferenceId = conferenceId;
        d.childId = childId;
        d.createdAt = occurredAt;
        d.nextAttemptAt = occurredAt;
        d.body = body(d.id, event, occurredAt, conferenceId, childId, caseReference, version);
        return d;
    }

    private byte[] body(UUID id, WebhookEvent event, Instant occurredAt, UUID conferenceId, UUID childId,
            String caseReference, Integer version) {
        String summary = publicUrl + "/api/conferences/" + conferenceId + "/summary";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("event", event.wireName());
        body.put("occurredAt", occurredAt.toString());
        body.put("conferenceId", conferenceId.toString());
        body.put("childId", childId.toString());
        body.put("caseReference", caseReference);
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
