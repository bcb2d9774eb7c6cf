package app.mysay.security;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import app.mysay.attachments.Attachment;
import app.mysay.attachments.AttachmentKind;
import app.mysay.attachments.AttachmentRepository;
import app.mysay.children.Child;
import app.mysay.children.ChildRepository;
import app.mysay.children.Family;
import app.mysay.children.FamilyRepository;
import app.mysay.common.ApiProblem;
import app.mysay.conferences.Conference;
import app.mysay.conferences.ConferenceChild;
import app.mysay.conferences.ConferenceChildRepository;
import app.mysay.conferences.ConferenceRepository;
import app.mysay.conferences.ConferenceStatus;
import app.mysay.invitations.ChildDevice;
import app.mysay.invitations.ChildDeviceRepository;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Every rule about who may see or change a child's data lives here, and nowhere else.
 * <ul>
 * <li>A child: only themselves, their conferences and their own views.</li>
 * <li>A social worker: the children allocated to them, and the conferences where they are the social worker.</li>
 * <li>A chair: the conferences they chair, and the children those conferences cover while the conference is not
 * cancelled (cancelling ends the chair's reason to see the child, unless they chair another conference of the
 * child).</li>
 * <li>An advocate: the children allocated to them.</li>
 * <li>A manager: no child's data at all.</li>
 * </ul>
 * A child's devices (the phones and tablets bound to them by an invitation) are seen and changed only by whoever may
 * manage the child (the allocated social worker), one device at a time; a child signed in on a device reaches that
 * device alone, and only while it has not been removed.
 * An attachment (a voice note or a picture) is seen with the views it belongs to: by whoever may read the child's sent
 * views once a sent version names it, and before that only by whoever uploaded it (the child, or their advocate).
 * Anything a caller may not see is answered with 404, exactly as if it did not exist.
 * Each rule is an HQL condition on the row itself, so lists and single reads use the same rule.
 */
@ApplicationScoped
public class AccessPolicy {

    private final ChildRepository children;
    private final FamilyRepository families;
    private final ConferenceRepository conferences;
    private final ConferenceChildRepository links;
    private final AttachmentRepository attachments;
    private final ChildDeviceRepository devices;

    AccessPolicy(ChildRepository children, FamilyRepository families, ConferenceRepository conferences,
            ConferenceChildRepository links, AttachmentRepository attachments, ChildDeviceRepository devices) {
        this.children = children;
        this.families = families;
        this.conferences = conferences;
        this.links = links;
        this.attachments = attachments;
        this.devices = devices;
    }

    /** A cancelled conference, as an HQL literal: its chair no longer sees its children or their views. */
    private static final String CANCELLED = ConferenceStatus.class.getName() + "." + ConferenceStatus.CANCELLED.name();

    // ---- the rules: conditions over a child "c", a conference "k" and a link "cc", for the caller ":me" ----

    private static String childRule(Role role) {
        return switch (role) {
            case CHILD -> "c.id = :me";
            case SOCIAL_WORKER -> "c.socialWorkerId = :me or exists (select 1 from ConferenceChild x, Conference xk "
                    + "where x.childId = c.id and xk.id = x.conferenceId and xk.socialWorkerId = :me)";
            case CHAIR -> "exists (select 1 from ConferenceChild x, Conference xk "
                    + "where x.childId = c.id and xk.id = x.conferenceId and xk.chairId = :me and xk.status <> "
                    + CANCELLED + ")";
            case ADVOCATE -> "c.advocateId = :me";
            case MANAGER -> null;
        };
    }

    private static String conferenceRule(Role role) {
        return switch (role) {
            case CHILD -> "exists (select 1 from ConferenceChild x where x.conferenceId = k.id and x.childId = :me)";
            case SOCIAL_WORKER -> "k.socialWorkerId = :me or exists (select 1 from ConferenceChild x, Child xc "
                    + "where x.conferenceId = k.id and xc.id = x.childId and xc.socialWorkerId = :me)";
            case CHAIR -> "k.chairId = :me";
            case ADVOCATE -> "exists (select 1 from ConferenceChild x, Child xc "
                    + "where x.conferenceId = k.id and xc.id = x.childId and xc.advocateId = :me)";
            case MANAGER -> null;
        };
    }

    /** Who may read a child's sent views for a conference (the link "cc", its conference "k", its child "c"). */
    private static String readViewsRule(Role role) {
        return switch (role) {
            case CHILD -> "c.id = :me";
            case SOCIAL_WORKER -> "c.socialWorkerId = :me or k.socialWorkerId = :me";
            case CHAIR -> "k.chairId = :me and k.status <> " + CANCELLED;
            case ADVOCATE -> "c.advocateId = :me";
            case MANAGER -> null;
        };
    }

    /** Who may write views: the child, or the advocate allocated to the child. */
    private static String writeViewsRule(Role role) {
        return switch (role) {
            case CHILD -> "c.id = :me";
            case ADVOCATE -> "c.advocateId = :me";
            default -> null;
        };
    }

    /**
     * {@link #writeViewsRule} in SQL, over the child "c" (table {@code child}) with the caller's id bound as {@code me}
     * (a placeholder such as {@code $3}); null where the role may never write views. Sending views runs on the reactive
     * SQL client, not through Hibernate (app.mysay.views.SendingTransaction, docs/architecture.md), so this one rule is
     * written twice, here beside its HQL. AuthorizationMatrixTest sends as every role, for their own child and for
     * another's, so the two cannot say different things unnoticed.
     */
    public static String writeViewsSqlRule(Role role, String me) {
        return switch (role) {
            case CHILD -> "c.id = " + me;
            case ADVOCATE -> "c.advocate_id = " + me;
            default -> null;
        };
    }

    /** Who may manage a child's record and invitations: the allocated social worker. */
    private static String manageChildRule(Role role) {
        return role == Role.SOCIAL_WORKER ? "c.socialWorkerId = :me" : null;
    }

    // ---- single objects ----

    public Uni<Child> child(Caller caller, UUID childId) {
        return childWhere(caller, childId, childRule(caller.role()));
    }

    public Uni<Child> manageableChild(Caller caller, UUID childId) {
        return childWhere(caller, childId, manageChildRule(caller.role()));
    }

    public Uni<Conference> conference(Caller caller, UUID conferenceId) {
        return conferenceWhere(caller, conferenceId, conferenceRule(caller.role()));
    }

    /** A conference the caller chairs. */
    public Uni<Conference> chairedConference(Caller caller, UUID conferenceId) {
        return conferenceWhere(caller, conferenceId, caller.is(Role.CHAIR) ? "k.chairId = :me" : null);
    }

    /** A conference the caller may change: its chair, or its social worker. */
    public Uni<Conference> runnableConference(Caller caller, UUID conferenceId) {
        String rule = switch (caller.role()) {
            case CHAIR -> "k.chairId = :me";
            case SOCIAL_WORKER -> "k.socialWorkerId = :me";
            default -> null;
        };
        return conferenceWhere(caller, conferenceId, rule);
    }

    public Uni<ConferenceChild> viewsReadable(Caller caller, UUID conferenceId, UUID childId) {
        return linkWhere(caller, conferenceId, childId, readViewsRule(caller.role()));
    }

    public Uni<ConferenceChild> viewsWritable(Caller caller, UUID conferenceId, UUID childId) {
        return linkWhere(caller, conferenceId, childId, writeViewsRule(caller.role()));
    }

    /**
     * An attachment of this child's views for this conference that the caller may hear or see: one named by a sent
     * version, for whoever may read the child's sent views; or, sent or not, one the caller uploaded, while they may
     * still write the child's views. Anything else (another child's, another conference's, someone else's unsent
     * upload) is 404. Only the caller's role and the rows decide; the bytes are loaded with it.
     */
    public Uni<Attachment> attachment(Caller caller, UUID conferenceId, UUID childId, UUID attachmentId) {
        String where = attachmentWhere(caller, conferenceId, childId, attachmentId);
        if (where == null) {
            return notFound();
        }
        return attachments.find("from Attachment a where " + where,
                attachmentParameters(caller, conferenceId, childId, attachmentId))
                .firstResult().onItem().ifNull().failWith(ApiProblem::notFound);
    }

    /**
     * The kind of an attachment the caller may use, by the same rule as {@link #attachment}, without loading its bytes
     * (checking the views that name it happens at every draft save).
     */
    public Uni<AttachmentKind> attachmentKind(Caller caller, UUID conferenceId, UUID childId, UUID attachmentId) {
        String where = attachmentWhere(caller, conferenceId, childId, attachmentId);
        if (where == null) {
            return notFound();
        }
        return attachments.getSession().flatMap(session -> session.createSelectionQuery(
                "select a.kind from Attachment a where " + where, AttachmentKind.class)
                .setParameter("id", attachmentId).setParameter("conference", conferenceId)
                .setParameter("child", childId).setParameter("me", caller.id())
                .getSingleResultOrNull())
                .onItem().ifNull().failWith(ApiProblem::notFound);
    }

    private static String attachmentWhere(Caller caller, UUID conferenceId, UUID childId, UUID attachmentId) {
        String read = readViewsRule(caller.role());
        String write = writeViewsRule(caller.role());
        if (read == null || conferenceId == null || childId == null || attachmentId == null) {
            return null;
        }
        String uploadedByMe = write == null ? "" : " or ((" + write + ") and a.authorId = :me)";
        return "a.id = :id and a.conferenceId = :conference "
                + "and a.childId = :child and exists (select 1 from ConferenceChild cc, Conference k, Child c "
                + "where cc.conferenceId = a.conferenceId and cc.childId = a.childId and k.id = a.conferenceId "
                + "and c.id = a.childId and (((" + read + ") and " + AttachmentRepository.bound("a") + ")"
                + uploadedByMe + "))";
    }

    private static Parameters attachmentParameters(Caller caller, UUID conferenceId, UUID childId, UUID attachmentId) {
        return Parameters.with("id", attachmentId).and("conference", conferenceId).and("child", childId)
                .and("me", caller.id());
    }

    /** A child's place in a conference that the caller may invite them to: their allocated social worker. */
    public Uni<ConferenceChild> invitable(Caller caller, UUID conferenceId, UUID childId) {
        return linkWhere(caller, conferenceId, childId, manageChildRule(caller.role()));
    }

    public Uni<Family> family(Caller caller, UUID familyId) {
        String rule = childRule(caller.role());
        if (rule == null) {
            return notFound();
        }
        String ownFamily = caller.is(Role.SOCIAL_WORKER) ? "f.socialWorkerId = :me or " : "";
        return families.find("from Family f where f.id = :id and (" + ownFamily
                + "exists (select 1 from Child c where c.familyId = f.id and (" + rule + ")))",
                Parameters.with("id", familyId).and("me", caller.id()))
                .firstResult().onItem().ifNull().failWith(ApiProblem::notFound);
    }

    // ---- a child's devices ----

    /**
     * One device of a child the caller may manage, locked for the change the caller is about to make (so that it
     * cannot cross a PIN sign-in on the device, which locks the same row); 404 for anyone else, and for a device of
     * another child, whoever asks.
     */
    public Uni<ChildDevice> manageableDevice(Caller caller, UUID childId, UUID deviceId) {
        String rule = manageChildRule(caller.role());
        if (rule == null || childId == null || deviceId == null) {
            return notFound();
        }
        return devices.find("from ChildDevice d where d.id = :id and d.childId = :child and exists (select 1 from "
                + "Child c where c.id = d.childId and (" + rule + "))",
                Parameters.with("id", deviceId).and("child", childId).and("me", caller.id()))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult().onItem().ifNull().failWith(ApiProblem::notFound);
    }

    /**
     * Every device bound to a child, removed ones too, oldest first, if the caller may manage the child; none
     * otherwise (ask {@link #manageableChild} first for a 404).
     */
    public Uni<List<ChildDevice>> manageableDevices(Caller caller, UUID childId) {
        String rule = manageChildRule(caller.role());
        if (rule == null || childId == null) {
            return Uni.createFrom().item(List.of());
        }
        return devices.find("from ChildDevice d where d.childId = :child and exists (select 1 from Child c "
                + "where c.id = d.childId and (" + rule + "))", Sort.by("createdAt").and("id"),
                Parameters.with("child", childId).and("me", caller.id())).list();
    }

    /** The device a child's session was opened on, while it is still theirs and not removed; 404 otherwise. */
    public Uni<ChildDevice> ownDevice(Caller caller) {
        if (!caller.is(Role.CHILD) || caller.deviceId() == null) {
            return notFound();
        }
        return devices.find("from ChildDevice d where d.id = :device and d.childId = :me and d.removedAt is null",
                Parameters.with("device", caller.deviceId()).and("me", caller.id()))
                .firstResult().onItem().ifNull().failWith(ApiProblem::notFound);
    }

    /**
     * The device a device cookie belongs to, if it was bound to this child (removed or not), else null: only such a
     * device may learn that an invitation code it opens again is the child's own (the cookie is the proof).
     */
    public Uni<ChildDevice> deviceOf(String deviceSecret, UUID childId) {
        if (deviceSecret == null || deviceSecret.isBlank() || deviceSecret.length() > 100 || childId == null) {
            return Uni.createFrom().nullItem();
        }
        return devices.find("secretHash = :hash and childId = :child",
                Parameters.with("hash", Secrets.sha256(deviceSecret)).and("child", childId)).firstResult();
    }

    // ---- lists: the same rules, applied to many rows ----

    public Uni<List<Child>> visibleChildren(Caller caller, UUID familyId) {
        String rule = childRule(caller.role());
        if (rule == null) {
            return Uni.createFrom().item(List.of());
        }
        Parameters params = Parameters.with("me", caller.id());
        String family = "";
        if (familyId != null) {
            family = "c.familyId = :family and ";
            params.and("family", familyId);
        }
        return children.find("from Child c where " + family + "(" + rule + ")", Sort.by("knownAs"), params).list();
    }

    /**
     * The children of the selected conferences that the caller may see (an advocate sees only their own child among
     * siblings).
     */
    public Uni<List<Child>> visibleChildrenOf(Caller caller, ConferenceSelection conferences) {
        String rule = childRule(caller.role());
        if (rule == null) {
            return Uni.createFrom().item(List.of());
        }
        Parameters params = Parameters.with("me", caller.id());
        conferences.parameters().map().forEach(params::and);
        return children.find("from Child c where c.id in (select l.childId from ConferenceChild l where "
                + conferences.contains("l.conferenceId") + ") and (" + rule + ")", Sort.by("knownAs"), params).list();
    }

    /** The children of one conference, already given to the caller, that the caller may see. */
    public Uni<List<Child>> visibleChildrenOf(Caller caller, UUID conferenceId) {
        return visibleChildrenOf(caller, ConferenceSelection.one(conferenceId));
    }

    public Uni<List<Conference>> visibleConferences(Caller caller) {
        return visibleConferences(caller, null);
    }

    /**
     * The conferences the caller may see; with {@code decidedSince}, only those still scheduled and those held with
     * a decision recorded since then (so not the cancelled ones, nor older history).
     */
    public Uni<List<Conference>> visibleConferences(Caller caller, Instant decidedSince) {
        return conferencesIn(conferenceSelection(caller, decidedSince));
    }

    /**
     * The conferences of a selection made by {@link #conferenceSelection}, soonest first; none for null. A caller that
     * also asks about those conferences by their rule keeps the selection, so the list and the rule are one.
     */
    public Uni<List<Conference>> conferencesIn(ConferenceSelection selection) {
        return conferencesIn(selection, Integer.MAX_VALUE);
    }

    /** The first {@code most} conferences of a selection, in the same order: a page of a list. */
    public Uni<List<Conference>> conferencesIn(ConferenceSelection selection, int most) {
        if (selection == null) {
            return Uni.createFrom().item(List.of());
        }
        // Soonest first; conferences starting at the same moment by id, so that a page ends at one place.
        PanacheQuery<Conference> query = conferences.find("from Conference k where " + selection.where(),
                Sort.by("startsAt").and("id"), selection.parameters());
        return (most == Integer.MAX_VALUE ? query : query.range(0, most - 1)).list();
    }

    /** The same conferences as {@link #visibleConferences(Caller, Instant)}, as a rule; null when the caller sees none. */
    public ConferenceSelection conferenceSelection(Caller caller, Instant decidedSince) {
        String rule = conferenceRule(caller.role());
        if (rule == null) {
            return null;
        }
        Parameters params = Parameters.with("me", caller.id());
        String current = "";
        if (decidedSince != null) {
            current = "(k.status = :scheduled or (k.status = :held and k.decidedAt >= :since)) and ";
            params.and("scheduled", ConferenceStatus.SCHEDULED).and("held", ConferenceStatus.HELD)
                    .and("since", decidedSince);
        }
        return new ConferenceSelection(current + "(" + rule + ")", params);
    }

    public Uni<List<Family>> visibleFamilies(Caller caller) {
        String rule = childRule(caller.role());
        if (rule == null) {
            return Uni.createFrom().item(List.of());
        }
        String ownFamily = caller.is(Role.SOCIAL_WORKER) ? "f.socialWorkerId = :me or " : "";
        return families.find("from Family f where " + ownFamily
                + "exists (select 1 from Child c where c.familyId = f.id and (" + rule + "))",
                Sort.by("reference"), Parameters.with("me", caller.id())).list();
    }

    // ---- plumbing ----

    private Uni<Child> childWhere(Caller caller, UUID childId, String rule) {
        if (rule == null || childId == null) {
            return notFound();
        }
        return children.find("from Child c where c.id = :id and (" + rule + ")",
                Parameters.with("id", childId).and("me", caller.id()))
                .firstResult().onItem().ifNull().failWith(ApiProblem::notFound);
    }

    private Uni<Conference> conferenceWhere(Caller caller, UUID conferenceId, String rule) {
        if (rule == null || conferenceId == null) {
            return notFound();
        }
        return conferences.find("from Conference k where k.id = :id and (" + rule + ")",
                Parameters.with("id", conferenceId).and("me", caller.id()))
                .firstResult().onItem().ifNull().failWith(ApiProblem::notFound);
    }

    private Uni<ConferenceChild> linkWhere(Caller caller, UUID conferenceId, UUID childId, String rule) {
        if (rule == null || conferenceId == null || childId == null) {
            return notFound();
        }
        return links.find("from ConferenceChild cc where cc.conferenceId = :conference and cc.childId = :child "
                + "and exists (select 1 from Conference k, Child c where k.id = cc.conferenceId and c.id = cc.childId "
                + "and (" + rule + "))",
                Parameters.with("conference", conferenceId).and("child", childId).and("me", caller.id()))
                .firstResult().onItem().ifNull().failWith(ApiProblem::notFound);
    }

    private static <T> Uni<T> notFound() {
        return Uni.createFrom().failure(ApiProblem.notFound());
    }
}
