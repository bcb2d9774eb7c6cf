package app.mysay.views;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.mysay.accounts.StaffAccountRepository;
import app.mysay.attachments.AttachmentService;
import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.children.ChildRepository;
import app.mysay.common.ApiProblem;
import app.mysay.common.ReadOnlySession;
import app.mysay.common.Timestamps;
import app.mysay.conferences.Conference;
import app.mysay.conferences.ConferenceChild;
import app.mysay.conferences.ConferenceChildRepository;
import app.mysay.conferences.ConferenceRepository;
import app.mysay.conferences.ConferenceStatus;
import app.mysay.notifications.NotificationKind;
import app.mysay.notifications.Outbox;
import app.mysay.notifications.Reminders;
import app.mysay.security.AccessPolicy;
import app.mysay.security.Caller;
import app.mysay.security.ConferenceSelection;
import app.mysay.security.Role;
import app.mysay.security.Secrets;
import app.mysay.views.ViewsContent.Authorship;
import app.mysay.views.ViewsDtos.Acknowledgement;
import app.mysay.views.ViewsDtos.AuthorViews;
import app.mysay.views.ViewsDtos.ChildConference;
import app.mysay.views.ViewsDtos.ChildHome;
import app.mysay.views.ViewsDtos.DraftSaved;
import app.mysay.views.ViewsDtos.SendReceipt;
import app.mysay.views.ViewsDtos.SendResult;
import app.mysay.views.ViewsDtos.SentViews;
import app.mysay.views.ViewsDtos.StaffViews;
import app.mysay.views.ViewsDtos.VersionInfo;
import app.mysay.webhook.WebhookOutbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Writing, sending and reading a child's views. Every read and write is audited in the same transaction. */
@ApplicationScoped
public class ViewsService {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

    private final ViewsRepository views;
    private final IdempotencyKeyRepository idempotencyKeys;
    private final ConferenceRepository conferences;
    private final ConferenceChildRepository links;
    private final ChildRepository children;
    private final StaffAccountRepository accounts;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Reminders reminders;
    private final WebhookOutbox webhooks;
    private final UrgentWords urgentWords;
    private final ObjectMapper json;
    private final AttachmentService attachments;

    ViewsService(ViewsRepository views, IdempotencyKeyRepository idempotencyKeys, ConferenceRepository conferences,
            ConferenceChildRepository links, ChildRepository children, StaffAccountRepository accounts,
            AccessPolicy access, AuditLog audit, Outbox outbox, Reminders reminders, WebhookOutbox webhooks,
            UrgentWords urgentWords, ObjectMapper json, AttachmentService attachments) {
        this.views = views;
        this.idempotencyKeys = idempotencyKeys;
        this.conferences = conferences;
        this.links = links;
        this.children = children;
        this.accounts = accounts;
        this.access = access;
        this.audit = audit;
        this.outbox = outbox;
        this.reminders = reminders;
        this.webhooks = webhooks;
        this.urgentWords = urgentWords;
        this.json = json;
        this.attachments = attachments;
    }

    /** A sent version with the facts of the attachments it names. */
    private Uni<SentViews> sentViews(Views v) {
        if (v == null) {
            return Uni.createFrom().nullItem();
        }
        return attachments.infos(v.attachmentIds()).map(infos -> SentViews.of(v, infos));
    }

    // ---- the author's side: the child, or an advocate with or for the child ----

    @WithTransaction
    public Uni<AuthorViews> forAuthor(Caller author, UUID conferenceId, UUID childId) {
        return access.viewsWritable(author, conferenceId, childId)
                .flatMap(link -> conferences.findById(conferenceId)
                        .flatMap(conference -> views.draft(conferenceId, childId, author.id())
                                .flatMap(draft -> views.history(conferenceId, childId)
                                        .call(history -> audit.record(author, AuditAction.VIEWS_DRAFT_READ, childId,
                                                conferenceId, history.isEmpty() ? null : "version " + history.get(0).version))
                                        .flatMap(history -> sentViews(history.isEmpty() ? null : history.get(0))
                                                .map(latest -> new AuthorViews(conferenceId, childId,
                                                        conference.viewsDue, conference.status,
                                                        draft == null ? null : draft.content(),
                                                        draft == null ? null : draft.updatedAt, latest,
                                                        history.stream().map(VersionInfo::of).toList()))))));
    }

    @WithTransaction
    public Uni<DraftSaved> saveDraft(Caller author, UUID conferenceId, UUID childId, ViewsContent submitted) {
        return access.viewsWritable(author, conferenceId, childId)
                .flatMap(link -> openConference(conferenceId))
                .flatMap(conference -> authored(author, submitted.normalised(), false))
                .call(content -> attachments.checkNamed(author, conferenceId, childId, content))
                .flatMap(content -> views.draft(conferenceId, childId, author.id()).flatMap(existing -> {
                    Views draft = existing != null ? existing : newViews(author, conferenceId, childId, ViewsStatus.DRAFT);
                    draft.apply(content);
                    draft.updatedAt = Timestamps.now();
                    return (existing != null ? Uni.createFrom().item(draft) : views.persist(draft));
                }))
                .call(draft -> audit.record(author, AuditAction.VIEWS_DRAFT_SAVED, childId, conferenceId, null))
                .map(draft -> new DraftSaved(conferenceId, childId, draft.updatedAt));
    }

    /**
     * Sends the views as a new, immutable version. The version, its audit record, the notifications to the chair
     * and social worker and the webhook delivery (if one is configured) are written in one transaction. The same
     * Idempotency-Key with the same views returns the version the first sending made; with different views it is
     * refused.
     */
    @WithTransaction
    public Uni<SendResult> send(Caller author, UUID conferenceId, UUID childId, String idempotencyKey,
            ViewsContent submitted) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Uni.createFrom().failure(new ApiProblem(400, "idempotency-key-missing", "Idempotency-Key needed",
                    "Sending views needs an Idempotency-Key header: a new random value for each new sending, "
                            + "and the same value when retrying the same sending."));
        }
        if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            return Uni.createFrom().failure(ApiProblem.invalid("Idempotency-Key",
                    "must be 8 to 100 letters, digits or . _ : - (a UUID works well)"));
        }
        ViewsContent content = submitted.normalised();
        return access.viewsWritableLocked(author, conferenceId, childId)
                .flatMap(link -> authored(author, content, true).flatMap(authoredContent -> {
                    byte[] requestHash = requestHash(conferenceId, childId, authoredContent);
                    return idempotencyKeys.findById(new IdempotencyKey.Id(author.id(), idempotencyKey))
                            .flatMap(previous -> previous != null
                                    ? replay(previous, requestHash)
                                    : sendNew(author, link, authoredContent, idempotencyKey, requestHash));
                }));
    }

    private Uni<SendResult> replay(IdempotencyKey previous, byte[] requestHash) {
        if (!MessageDigest.isEqual(previous.requestHash, requestHash)) {
            return Uni.createFrom().failure(ApiProblem.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was used for different views",
                    "A retry must send exactly the same views. To send changed views, use a new Idempotency-Key."));
        }
        return views.findById(previous.viewsId).map(v -> new SendResult(receipt(v), true, v.authorship));
    }

    private Uni<SendResult> sendNew(Caller author, ConferenceChild link, ViewsContent content, String idempotencyKey,
            byte[] requestHash) {
        if (!content.hasAnswers()) {
            return Uni.createFrom().failure(new ApiProblem(400, "nothing-to-send", "There is nothing to send yet",
                    "Answer at least one part before sending."));
        }
        UUID conferenceId = link.conferenceId;
        UUID childId = link.childId;
        return openConference(conferenceId)
                .call(conference -> attachments.checkNamed(author, conferenceId, childId, content))
                .flatMap(conference -> views.latestSentVersion(conferenceId, childId)
                .flatMap(latestVersion -> {
                    Instant now = Timestamps.now();
                    Views sent = newViews(author, conferenceId, childId, ViewsStatus.SENT);
                    sent.apply(content);
                    sent.version = latestVersion == null ? 1 : latestVersion + 1;
                    sent.updatedAt = now;
                    sent.sentAt = now;
                    Set<UrgentReason> urgent = urgentWords.scan(sent.texts());
                    sent.urgentReasons = urgent.isEmpty() ? null
                            : urgent.stream().map(Enum::name).collect(java.util.stream.Collectors.joining(","));
                    IdempotencyKey key = new IdempotencyKey();
                    key.callerId = author.id();
                    key.key = idempotencyKey;
                    key.requestHash = requestHash;
                    key.viewsId = sent.id;
                    key.createdAt = now;
                    return views.persist(sent)
                            .call(() -> views.deleteDraft(conferenceId, childId, author.id()))
                            .call(() -> idempotencyKeys.persist(key))
                            .call(() -> recipients(conference, childId).flatMap(recipients -> outbox.notify(
                                    NotificationKind.VIEWS_SENT, recipients, conferenceId, childId)))
                            .call(() -> webhooks.viewsSent(conferenceId, childId, sent.version, now))
                            .call(() -> urgent.isEmpty() ? Uni.createFrom().voidItem()
                                    : urgentRecipients(conference, childId).flatMap(people -> outbox.notify(
                                            NotificationKind.URGENT_VIEWS, people, conferenceId, childId)))
                            .call(() -> audit.record(author, AuditAction.VIEWS_SENT, childId, conferenceId,
                                    "version " + sent.version))
                            .map(v -> new SendResult(receipt(v), false, v.authorship));
                }));
    }

    /** The chair and the conference's social worker, and the child's allocated social worker if that is someone else. */
    private Uni<Set<UUID>> recipients(Conference conference, UUID childId) {
        return children.findById(childId).map(child -> {
            Set<UUID> people = new LinkedHashSet<>();
            people.add(conference.chairId);
            people.add(conference.socialWorkerId);
            people.add(child.socialWorkerId);
            return people;
        });
    }

    /**
     * Who is told at once when a child's words are flagged: the social workers (the child's and the conference's) and
     * every manager, as staff accounts hold no line-management link yet. Managers are told only that something needs
     * looking at today; they cannot read the views.
     */
    private Uni<Set<UUID>> urgentRecipients(Conference conference, UUID childId) {
        return children.findById(childId).flatMap(child -> accounts.list("role = ?1 and enabled = true", Role.MANAGER)
                .map(managers -> {
                    Set<UUID> people = new LinkedHashSet<>();
                    people.add(child.socialWorkerId);
                    people.add(conference.socialWorkerId);
                    managers.forEach(m -> people.add(m.id));
                    return people;
                }));
    }

    // ---- the staff side: reading, and the chair's acknowledgement ----

    @WithTransaction
    public Uni<StaffViews> read(Caller reader, UUID conferenceId, UUID childId) {
        return access.viewsReadable(reader, conferenceId, childId)
                .flatMap(link -> views.history(conferenceId, childId)
                        .flatMap(history -> sentViews(history.isEmpty() ? null : history.get(0))
                                .call(() -> audit.record(reader, AuditAction.VIEWS_READ, childId, conferenceId,
                                        history.isEmpty() ? "none sent" : "version " + history.get(0).version))
                                .map(latest -> new StaffViews(conferenceId, childId, latest,
                                        history.stream().map(VersionInfo::of).toList(), link.chairReadAt,
                                        link.chairReadVersion))));
    }

    @WithTransaction
    public Uni<SentViews> readVersion(Caller reader, UUID conferenceId, UUID childId, int version) {
        return access.viewsReadable(reader, conferenceId, childId)
                .flatMap(link -> views.sentVersion(conferenceId, childId, version))
                .onItem().ifNull().failWith(ApiProblem::notFound)
                .call(v -> audit.record(reader, AuditAction.VIEWS_VERSION_READ, childId, conferenceId,
                        "version " + version))
                .flatMap(this::sentViews);
    }

    @WithTransaction
    public Uni<Acknowledgement> acknowledge(Caller chair, UUID conferenceId, UUID childId) {
        if (!chair.is(Role.CHAIR)) {
            return Uni.createFrom().failure(ApiProblem.notFound());
        }
        return access.viewsReadable(chair, conferenceId, childId)
                .flatMap(link -> views.latestSent(conferenceId, childId).flatMap(latest -> {
                    if (latest == null) {
                        return Uni.createFrom().failure(ApiProblem.conflict(
                                "There are no views to read yet. You will be told when they arrive."));
                    }
                    link.chairReadAt = Timestamps.now();
                    link.chairReadVersion = latest.version;
                    return audit.record(chair, AuditAction.CHAIR_ACKNOWLEDGED, childId, conferenceId,
                            "version " + latest.version)
                            .replaceWith(new Acknowledgement(conferenceId, childId, latest.version, link.chairReadAt));
                }));
    }

    // ---- the child's home: where each of their conferences stands ----

    @WithSession
    public Uni<ChildHome> home(Caller child) {
        Instant now = Timestamps.now();
        ConferenceSelection mine = access.conferenceSelection(child, null);
        return ReadOnlySession.reading(() -> children.findById(child.id())
                .onItem().ifNull().failWith(ApiProblem::notFound)
                .flatMap(me -> access.conferencesIn(mine).flatMap(list -> {
                    if (list.isEmpty()) {
                        return Uni.createFrom().item(new ChildHome(me.id, me.knownAs, me.preferredLanguage, List.of()));
                    }
                    return views.latestSent(mine).flatMap(latest -> links.list("childId = ?1", child.id())
                            .flatMap(myLinks -> views.conferencesWithOwnDraft(child.id())
                                    .map(drafts -> new ChildHome(me.id, me.knownAs, me.preferredLanguage, list.stream()
                                            .sorted(Comparator.comparing((Conference c) -> c.startsAt).reversed())
                                            .map(c -> {
                                                var sent = latest.stream().filter(l -> l.conferenceId().equals(c.id)
                                                        && l.childId().equals(child.id())).findFirst().orElse(null);
                                                var link = myLinks.stream().filter(l -> l.conferenceId.equals(c.id))
                                                        .findFirst().orElseThrow();
                                                boolean held = c.status == ConferenceStatus.HELD;
                                                boolean dueSoon = reminders.viewsDueSoon(c.status, c.startsAt,
                                                        c.viewsDue, sent != null, now);
                                                return new ChildConference(c.id, c.type, c.startsAt, c.attendanceMode,
                                                        c.place, c.status, c.viewsDue, dueSoon,
                                                        drafts.contains(c.id),
                                                        sent == null ? null : sent.version(),
                                                        sent == null ? null : sent.sentAt(),
                                                        link.chairReadAt, link.chairReadVersion,
                                                        held ? link.getOutcomeMessage() : null,
                                                        held ? link.outcomeAt : null);
                                            }).toList()))));
                })));
    }

    // ---- rules shared by drafting and sending ----

    private Uni<Conference> openConference(UUID conferenceId) {
        return conferences.findById(conferenceId).flatMap(conference -> {
            if (conference.status == ConferenceStatus.CANCELLED) {
                return Uni.createFrom().failure(ApiProblem.conflict(
                        "This conference was cancelled, so views cannot be sent for it."));
            }
            if (conference.status == ConferenceStatus.HELD) {
                return Uni.createFrom().failure(ApiProblem.conflict(
                        "This conference has already happened. Talk to your social worker about what you want to say."));
            }
            return Uni.createFrom().item(conference);
        });
    }

    /**
     * Authorship that cannot be blurred: a child writes their own words, with or without help; an advocate types the
     * child's words or writes their own account, and records whether the child heard it read back and agrees.
     * When {@code sending}, what the chair needs to judge the authorship must be there.
     */
    private Uni<ViewsContent> authored(Caller author, ViewsContent c, boolean sending) {
        Authorship a = c.authorship();
        if (author.is(Role.CHILD)) {
            if (a.kind() == AuthorshipKind.ADVOCATE_ON_BEHALF) {
                return Uni.createFrom().failure(ApiProblem.invalid("authorship.kind",
                        "When you send your own views, choose CHILD or CHILD_WITH_HELP"));
            }
            boolean helped = a.kind() == AuthorshipKind.CHILD_WITH_HELP;
            if (sending && helped && a.helperName() == null) {
                return Uni.createFrom().failure(ApiProblem.invalid("authorship.helperName",
                        "Say who helped you write this"));
            }
            return Uni.createFrom().item(withAuthorship(c, new Authorship(a.kind(), helped ? a.helperName() : null,
                    helped ? a.helperRole() : null, null, null)));
        }
        if (a.kind() == AuthorshipKind.CHILD) {
            return Uni.createFrom().failure(ApiProblem.invalid("authorship.kind",
                    "An advocate chooses CHILD_WITH_HELP (the child's words, typed by you) or ADVOCATE_ON_BEHALF (your account of the child's views)"));
        }
        if (sending && a.readBackAgreed() == null) {
            return Uni.createFrom().failure(ApiProblem.invalid("authorship.readBackAgreed",
                    "Say whether the child heard this read back and agrees"));
        }
        if (sending && Boolean.FALSE.equals(a.readBackAgreed()) && a.notReadBackReason() == null) {
            return Uni.createFrom().failure(ApiProblem.invalid("authorship.notReadBackReason",
                    "Say why the child did not hear this read back or does not agree"));
        }
        return accounts.findById(author.id()).map(advocate -> withAuthorship(c, new Authorship(a.kind(),
                advocate.displayName, "Advocate", a.readBackAgreed(),
                Boolean.FALSE.equals(a.readBackAgreed()) ? a.notReadBackReason() : null)));
    }

    private static ViewsContent withAuthorship(ViewsContent c, Authorship a) {
        return new ViewsContent(c.goodThings(), c.worries(), c.wishes(), c.safety(), c.takingPart(), c.advocate(),
                c.questions(), c.tellChairFirst(), a);
    }

    private byte[] requestHash(UUID conferenceId, UUID childId, ViewsContent content) {
        try {
            return Secrets.sha256(conferenceId + "/" + childId + "/" + json.writeValueAsString(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Views newViews(Caller author, UUID conferenceId, UUID childId, ViewsStatus status) {
        Views v = new Views();
        v.id = UUID.randomUUID();
        v.conferenceId = conferenceId;
        v.childId = childId;
        v.status = status;
        v.authorRole = author.role();
        v.authorId = author.id();
        return v;
    }

    private static SendReceipt receipt(Views v) {
        return new SendReceipt(v.conferenceId, v.childId, v.version, v.sentAt, v.flaggedUrgent());
    }
}
