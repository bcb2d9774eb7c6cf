package app.mysay.views;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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
import app.mysay.conferences.ConferenceChildRepository;
import app.mysay.conferences.ConferenceRepository;
import app.mysay.conferences.ConferenceStatus;
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
import app.mysay.views.ViewsDtos.SendResult;
import app.mysay.views.ViewsDtos.SentViews;
import app.mysay.views.ViewsDtos.StaffViews;
import app.mysay.views.ViewsDtos.VersionInfo;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Writing, sending and reading a child's views. Every read and write is audited in the same transaction. */
@ApplicationScoped
public class ViewsService {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

    private final ViewsRepository views;
    private final ConferenceRepository conferences;
    private final ConferenceChildRepository links;
    private final ChildRepository children;
    private final StaffAccountRepository accounts;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Reminders reminders;
    private final UrgentRule urgentRule;
    private final ObjectMapper json;
    private final AttachmentService attachments;
    private final SendingTransaction sending;

    ViewsService(ViewsRepository views, ConferenceRepository conferences, ConferenceChildRepository links,
            ChildRepository children, StaffAccountRepository accounts, AccessPolicy access, AuditLog audit,
            Reminders reminders, UrgentRule urgentRule, ObjectMapper json, AttachmentService attachments,
            SendingTransaction sending) {
        this.views = views;
        this.conferences = conferences;
        this.links = links;
        this.children = children;
        this.accounts = accounts;
        this.access = access;
        this.audit = audit;
        this.reminders = reminders;
        this.urgentRule = urgentRule;
        this.json = json;
        this.attachments = attachments;
        this.sending = sending;
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
     * <p>
     * The transaction runs on the SQL client ({@link SendingTransaction}), not in a Hibernate session: it is the write
     * children make most. What it needs from elsewhere is settled first: for an advocate, their name; for views that
     * name a voice note or a picture, that they may; for urgent views (UrgentRule), the managers to tell. Each of these
     * reads through Hibernate, in a session of its own, and only when it applies: a child sending words alone opens
     * none.
     */
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
        if (!content.hasAnswers()) {
            return Uni.createFrom().failure(new ApiProblem(400, "nothing-to-send", "There is nothing to send yet",
                    "Answer at least one part before sending."));
        }
        Uni<ViewsContent> checked = author.is(Role.CHILD) && content.attachments().isEmpty()
                ? authored(author, content, true)
                : Panache.withSession(() -> authored(author, content, true)
                        .call(authoredContent -> attachments.checkNamed(author, conferenceId, childId, authoredContent)));
        return checked.flatMap(authoredContent -> {
            Views version = newViews(author, conferenceId, childId, ViewsStatus.SENT);
            version.apply(authoredContent);
            version.sentAt = Timestamps.now();
            version.updatedAt = version.sentAt;
            UrgentRule.Urgency urgency = urgentRule.of(version);
            version.urgentReasons = urgency.storedWords();
            byte[] requestHash = requestHash(conferenceId, childId, authoredContent);
            return (urgency.urgent() ? Panache.withSession(this::managers) : Uni.createFrom().item(List.<UUID>of()))
                    .flatMap(managers -> sending.send(author, idempotencyKey, requestHash, version, urgency,
                            managers));
        });
    }

    /**
     * Every manager is told at once when a child's views are urgent, as staff accounts hold no line-management link
     * yet. Managers are told only that something needs looking at today; they cannot read the views.
     */
    private Uni<List<UUID>> managers() {
        return accounts.list("role = ?1 and enabled = true", Role.MANAGER)
                .map(managers -> managers.stream().map(m -> m.id).toList());
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
                                                        held ? link.outcomeAt : null,
                                                        held ? link.planNeeded : null,
                                                        held && Boolean.TRUE.equals(link.planNeeded)
                                                                ? c.nextReviewDate : null);
                                            }).toList()))));
                })));
    }

    // ---- rules shared by drafting and sending ----

    private Uni<Conference> openConference(UUID conferenceId) {
        return conferences.findById(conferenceId).flatMap(conference -> {
            ApiProblem closed = closedFor(conference.status);
            return closed != null ? Uni.createFrom().failure(closed) : Uni.createFrom().item(conference);
        });
    }

    /** Why views can no longer be saved or sent for a conference in this state; null while they can. */
    static ApiProblem closedFor(ConferenceStatus status) {
        return switch (status) {
            case CANCELLED -> ApiProblem.conflict("This conference was cancelled, so views cannot be sent for it.");
            case HELD -> ApiProblem.conflict(
                    "This conference has already happened. Talk to your social worker about what you want to say.");
            case SCHEDULED -> null;
        };
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
}
