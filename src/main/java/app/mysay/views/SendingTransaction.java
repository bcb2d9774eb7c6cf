package app.mysay.views;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.common.ApiProblem;
import app.mysay.common.Timestamps;
import app.mysay.conferences.ConferenceStatus;
import app.mysay.notifications.NotificationKind;
import app.mysay.notifications.Outbox;
import app.mysay.security.AccessPolicy;
import app.mysay.security.Caller;
import app.mysay.security.FieldEncryption;
import app.mysay.security.Role;
import app.mysay.views.ViewsDtos.SendReceipt;
import app.mysay.views.ViewsDtos.SendResult;
import app.mysay.webhook.WebhookOutbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The transaction that sends a version of a child's views: the write children make most, written with the reactive
 * SQL client rather than through Hibernate, in six round trips. Through Hibernate the same sending cost three times the
 * application's CPU and twice the round trips (docs/performance.md, fix 17). Every other write stays with Hibernate.
 * <ol>
 * <li>The child's place in the conference, checked by the write rule ({@link AccessPolicy#writeViewsSqlRule}) and
 * locked (FOR NO KEY UPDATE), so one child's sendings for one conference take turns; with it, what the rest needs to
 * know of the conference and the child.</li>
 * <li>The Idempotency-Key: a retry gets the version its key made, asked after the lock so that it sees a sending that
 * held the lock before.</li>
 * <li>The new version, numbered after the newest in the same statement (so, again, after the lock).</li>
 * <li>Sent together without waiting between them: the author's draft deleted, the key, the notifications, the webhook
 * delivery (if one is configured) and the audit record, which the database links into the audit chain as the
 * transaction commits.</li>
 * </ol>
 * Any failure rolls all of it back. {@code bench/send.pgbench} runs these statements as the benchmark's physical limit.
 */
@ApplicationScoped
public class SendingTransaction {

    /** $1 the conference, $2 the child, $3 the caller; the rule for the caller's role is added to it. */
    static final String LOCK_LINK = "select k.status, k.chair_id, k.social_worker_id, c.social_worker_id, "
            + "c.case_reference from conference_child cc join conference k on k.id = cc.conference_id "
            + "join child c on c.id = cc.child_id where cc.conference_id = $1 and cc.child_id = $2 and (%s) "
            + "for no key update of cc";
    static final String PREVIOUS_SENDING = "select request_hash, views_id from idempotency_key "
            + "where caller_id = $1 and key = $2";
    static final String REPLAYED = "select id, conference_id, child_id, version, sent_at, urgent_reasons, safety_score_enc, "
            + "authorship "
            + "from views where id = $1";
    static final String INSERT_VERSION = "insert into views (id, conference_id, child_id, status, version, "
            + "author_role, author_id, authorship, helper_name_enc, helper_role_enc, read_back_agreed, "
            + "not_read_back_reason_enc, good_things_enc, good_things_shared, good_things_voice_id, "
            + "good_things_picture_id, good_things_picture_text_enc, worries_enc, worries_shared, worries_voice_id, "
            + "worries_picture_id, worries_picture_text_enc, wishes_enc, wishes_shared, wishes_voice_id, "
            + "wishes_picture_id, wishes_picture_text_enc, safety_score_enc, safety_shared, taking_part_ways, "
            + "who_with_me_enc, taking_part_shared, advocate_choice, advocate_shared, questions_for_chair_enc, "
            + "questions_shared, tell_chair_first_enc, tell_chair_first_shared, urgent_reasons, updated_at, sent_at) "
            + "values ($1, $2, $3, 'SENT', coalesce((select v.version from views v where v.conference_id = $2 "
            + "and v.child_id = $3 and v.status = 'SENT' order by v.version desc limit 1), 0) + 1, "
            + "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, "
            + "$25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $38) returning version";
    /** The status is a literal, so that PostgreSQL plans it with the partial index views_one_draft_per_author. */
    static final String DELETE_DRAFT = "delete from views where conference_id = $1 and child_id = $2 "
            + "and author_id = $3 and status = 'DRAFT'";
    static final String INSERT_KEY = "insert into idempotency_key (caller_id, key, request_hash, views_id, "
            + "created_at) values ($1, $2, $3, $4, $5)";

    private static final TakingPartWaysConverter WAYS = new TakingPartWaysConverter();

    private final Pool pool;
    private final Outbox outbox;
    private final WebhookOutbox webhooks;
    private final AuditLog audit;
    private final UrgentRule urgentRule;
    private final Map<Role, String> lockLink = new EnumMap<>(Role.class);

    SendingTransaction(Pool pool, Outbox outbox, WebhookOutbox webhooks, AuditLog audit, UrgentRule urgentRule) {
        this.pool = pool;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.audit = audit;
        this.urgentRule = urgentRule;
        for (Role role : Role.values()) {
            String rule = AccessPolicy.writeViewsSqlRule(role, "$3");
            if (rule != null) {
                lockLink.put(role, LOCK_LINK.formatted(rule));
            }
        }
    }

    /** What is known of the child's place in the conference once it is locked. */
    private record Link(ConferenceStatus status, UUID chairId, UUID conferenceSocialWorkerId,
            UUID childSocialWorkerId, String caseReference) {

        static Link of(Row row) {
            return new Link(ConferenceStatus.valueOf(row.getString(0)), row.getUUID(1), row.getUUID(2),
                    row.getUUID(3), row.getString(4));
        }
    }

    /**
     * Sends {@code version} (built, encrypted and scanned for urgent words, not yet numbered) as the author's, under
     * their Idempotency-Key. When {@code urgency} (the version's, by UrgentRule) is urgent, the social workers and
     * {@code managers} are told at once.
     */
    public Uni<SendResult> send(Caller author, String idempotencyKey, byte[] requestHash, Views version,
            UrgentRule.Urgency urgency, Collection<UUID> managers) {
        String lock = lockLink.get(author.role());
        if (lock == null) {
            return Uni.createFrom().failure(ApiProblem.notFound());
        }
        return pool.withTransaction(connection -> connection.preparedQuery(lock)
                .execute(Tuple.of(version.conferenceId, version.childId, author.id()))
                .flatMap(links -> {
                    if (links.size() == 0) {
                        return Uni.createFrom().failure(ApiProblem.notFound());
                    }
                    Link link = Link.of(links.iterator().next());
                    return connection.preparedQuery(PREVIOUS_SENDING).execute(Tuple.of(author.id(), idempotencyKey))
                            .flatMap(previous -> previous.size() > 0
                                    ? replay(connection, previous.iterator().next(), requestHash)
                                    : sendNew(connection, author, link, idempotencyKey, requestHash, version,
                                            urgency.urgent(), managers));
                }));
    }

    private Uni<SendResult> replay(SqlConnection connection, Row previous, byte[] requestHash) {
        if (!MessageDigest.isEqual(previous.getBuffer("request_hash").getBytes(), requestHash)) {
            return Uni.createFrom().failure(ApiProblem.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was used for different views",
                    "A retry must send exactly the same views. To send changed views, use a new Idempotency-Key."));
        }
        return connection.preparedQuery(REPLAYED).execute(Tuple.of(previous.getUUID("views_id"))).map(rows -> {
            Row v = rows.iterator().next();
            Buffer score = v.getBuffer("safety_score_enc");
            Short safetyScore = Views.safetyScore(FieldEncryption.current(), score == null ? null : score.getBytes(),
                    v.getUUID("id"), v.getUUID("child_id"));
            boolean urgent = urgentRule.of(v.getString("urgent_reasons"), safetyScore).urgent();
            return new SendResult(new SendReceipt(v.getUUID("conference_id"), v.getUUID("child_id"),
                    v.getInteger("version"), v.getOffsetDateTime("sent_at").toInstant(), urgent), true, AuthorshipKind.valueOf(v.getString("authorship")));
        });
    }

    private Uni<SendResult> sendNew(SqlConnection connection, Caller author, Link link, String idempotencyKey,
            byte[] requestHash, Views version, boolean urgent, Collection<UUID> managers) {
        ApiProblem closed = ViewsService.closedFor(link.status());
        if (closed != null) {
            return Uni.createFrom().failure(closed);
        }
        UUID conferenceId = version.conferenceId;
        UUID childId = version.childId;
        Instant sentAt = version.sentAt;
        return connection.preparedQuery(INSERT_VERSION).execute(columns(version)).flatMap(inserted -> {
            version.version = inserted.iterator().next().getInteger(0);
            Set<UUID> told = new LinkedHashSet<>();
            told.add(link.chairId());
            told.add(link.conferenceSocialWorkerId());
            told.add(link.childSocialWorkerId());
            Set<UUID> toldAtOnce = new LinkedHashSet<>();
            if (urgent) {
                toldAtOnce.add(link.childSocialWorkerId());
                toldAtOnce.add(link.conferenceSocialWorkerId());
                toldAtOnce.addAll(managers);
            }
            // Subscribed in this order, so sent in this order on the one connection, without waiting between them.
            return Uni.join().all(
                    connection.preparedQuery(DELETE_DRAFT).execute(Tuple.of(conferenceId, childId, author.id()))
                            .replaceWithVoid(),
                    connection.preparedQuery(INSERT_KEY).execute(Tuple.of(author.id(), idempotencyKey,
                            requestHash, version.id, Timestamps.utc(sentAt))).replaceWithVoid(),
                    outbox.notify(connection, NotificationKind.VIEWS_SENT, told, conferenceId, childId),
                    outbox.notify(connection, NotificationKind.URGENT_VIEWS, toldAtOnce, conferenceId, childId),
                    webhooks.viewsSent(connection, conferenceId, childId, link.caseReference(), version.version,
                            sentAt),
                    audit.record(connection, author, AuditAction.VIEWS_SENT, childId, conferenceId,
                            "version " + version.version))
                    .andFailFast()
                    .map(done -> new SendResult(new SendReceipt(conferenceId, childId, version.version, sentAt,
                            urgent), false, version.authorship));
        });
    }

    /** The new version's columns, in INSERT_VERSION's order. */
    private static Tuple columns(Views v) {
        return Tuple.from(new Object[] { v.id, v.conferenceId, v.childId, v.authorRole.name(), v.authorId,
                v.authorship.name(), v.helperNameEnc, v.helperRoleEnc, v.readBackAgreed, v.notReadBackReasonEnc,
                v.goodThingsEnc, v.goodThingsShared, v.goodThingsVoiceId, v.goodThingsPictureId,
                v.goodThingsPictureTextEnc, v.worriesEnc, v.worriesShared, v.worriesVoiceId, v.worriesPictureId,
                v.worriesPictureTextEnc, v.wishesEnc, v.wishesShared, v.wishesVoiceId, v.wishesPictureId,
                v.wishesPictureTextEnc, v.safetyScoreEnc, v.safetyShared, WAYS.convertToDatabaseColumn(v.takingPartWays),
                v.whoWithMeEnc, v.takingPartShared, v.advocateChoice == null ? null : v.advocateChoice.name(),
                v.advocateShared, v.questionsForChairEnc, v.questionsShared, v.tellChairFirstEnc,
                v.tellChairFirstShared, v.urgentReasons, Timestamps.utc(v.sentAt) });
    }
}
