package app.mysay.conferences;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.mysay.accounts.StaffAccount;
import app.mysay.accounts.StaffAccountRepository;
import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.audit.AuditLog.Shown;
import app.mysay.children.Child;
import app.mysay.common.ApiProblem;
import app.mysay.common.ReadOnlySession;
import app.mysay.common.Sequentially;
import app.mysay.common.Timestamps;
import app.mysay.conferences.ConferenceDtos.ChildDecision;
import app.mysay.conferences.ConferenceDtos.ChildStatus;
import app.mysay.conferences.ConferenceDtos.ConferenceMove;
import app.mysay.conferences.ConferenceDtos.ConferenceView;
import app.mysay.conferences.ConferenceDtos.Decision;
import app.mysay.conferences.ConferenceDtos.NewConference;
import app.mysay.conferences.ConferenceDtos.Person;
import app.mysay.security.AccessPolicy;
import app.mysay.security.Caller;
import app.mysay.security.ConferenceSelection;
import app.mysay.security.Role;
import app.mysay.notifications.NotificationKind;
import app.mysay.notifications.Outbox;
import app.mysay.webhook.WebhookOutbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ConferenceService {

    private final ConferenceRepository conferences;
    private final ConferenceChildRepository links;
    private final StaffAccountRepository accounts;
    private final StatusFacts statusFacts;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final WebhookOutbox webhooks;
    private final Outbox outbox;
    private final WorkingDays workingDays;
    private final ZoneId zone;
    private final Duration recentlyHeld;

    ConferenceService(ConferenceRepository conferences, ConferenceChildRepository links,
            StaffAccountRepository accounts, StatusFacts statusFacts, AccessPolicy access, AuditLog audit,
            WebhookOutbox webhooks, WorkingDays workingDays, @ConfigProperty(name = "mysay.zone") ZoneId zone,
            @ConfigProperty(name = "mysay.conferences.recently-held") Duration recentlyHeld, Outbox outbox) {
        this.outbox = outbox;
        this.conferences = conferences;
        this.links = links;
        this.accounts = accounts;
        this.statusFacts = statusFacts;
        this.access = access;
        this.audit = audit;
        this.webhooks = webhooks;
        this.workingDays = workingDays;
        this.zone = zone;
        this.recentlyHeld = recentlyHeld;
    }

    public LocalDate defaultViewsDue(ConferenceType type, Instant startsAt) {
        return workingDays.before(startsAt.atZone(zone).toLocalDate(), type.workingDaysNotice());
    }

    /** The social worker who arranges a conference is its social worker; every child must be allocated to them. */
    @WithTransaction
    public Uni<ConferenceView> create(Caller socialWorker, NewConference request) {
        ApiProblem when = whenAndWhereProblem(request.attendanceMode(), placeOf(request.place()), request.startsAt(),
                request.viewsDue());
        if (when != null) {
            return Uni.createFrom().failure(when);
        }
        Set<UUID> childIds = new LinkedHashSet<>(request.childIds());
        if (childIds.size() != request.childIds().size()) {
            return Uni.createFrom().failure(ApiProblem.invalid("childIds", "lists the same child twice"));
        }
        Uni<Void> chairCheck = accounts.findEnabledWithRole(request.chairId(), Role.CHAIR)
                .onItem().ifNull().failWith(() -> ApiProblem.invalid("chairId",
                        "No chair with this id: choose one from the staff directory"))
                .replaceWithVoid();
        Uni<Void> childCheck = Sequentially.forEach(childIds, id -> access.manageableChild(socialWorker, id)
                .onFailure(ApiProblem.class).transform(e -> ApiProblem.invalid("childIds",
                        "includes a child who is not allocated to you (" + id + ")")));

        Conference conference = new Conference();
        conference.id = UUID.randomUUID();
        conference.type = request.type();
        conference.startsAt = request.startsAt();
        conference.attendanceMode = request.attendanceMode();
        conference.place = placeOf(request.place());
        conference.chairId = request.chairId();
        conference.socialWorkerId = socialWorker.id();
        conference.viewsDue = request.viewsDue() != null ? request.viewsDue()
                : defaultViewsDue(request.type(), request.startsAt());
        conference.status = ConferenceStatus.SCHEDULED;
        conference.createdAt = Timestamps.now();
        return chairCheck.call(() -> childCheck)
                .call(() -> conferences.persist(conference))
                .call(() -> links.persist(childIds.stream().map(childId -> {
                    ConferenceChild link = new ConferenceChild();
                    link.id = UUID.randomUUID();
                    link.conferenceId = conference.id;
                    link.childId = childId;
                    return link;
                })))
                .call(() -> Sequentially.forEach(childIds, childId -> audit.record(socialWorker,
                        AuditAction.CONFERENCE_CREATED, childId, conference.id, null)))
                .flatMap(v -> describe(socialWorker, conference));
    }

    /**
     * The conferences the caller may see, soonest first, at most {@code most} of them after {@code after} (from the
     * first when null). {@code currentOnly}: just those still scheduled and those decided within
     * {@code mysay.conferences.recently-held}, which is all the staff's start pages show.
     */
    @WithSession
    public Uni<ConferencePage> list(Caller caller, boolean currentOnly, ConferenceCursor after, int most) {
        ConferenceSelection visible = access.conferenceSelection(caller,
                currentOnly ? Timestamps.now().minus(recentlyHeld) : null);
        if (visible == null) {
            return Uni.createFrom().item(new ConferencePage(List.of(), null));
        }
        ConferenceSelection rest = after == null ? visible : visible.after(after.startsAt(), after.id());
        // One more than a page says whether another follows.
        return ReadOnlySession.reading(() -> access.conferencesIn(rest, most + 1).flatMap(found -> {
            if (found.size() <= most) {
                return describe(caller, found, rest).map(views -> new ConferencePage(views, null));
            }
            List<Conference> page = found.subList(0, most);
            ConferenceCursor last = ConferenceCursor.at(page.get(most - 1));
            return describe(caller, page, rest.upTo(last.startsAt(), last.id()))
                    .map(views -> new ConferencePage(views, last));
        })).call(page -> audited(caller, page.conferences(), "list"));
    }

    /** One STATUS_READ per child shown with where their conference stands, committed before the answer leaves. */
    private Uni<Void> audited(Caller caller, List<ConferenceView> shown, String detail) {
        return audit.recordReads(caller, AuditAction.STATUS_READ, shown.stream()
                .flatMap(k -> k.children().stream().map(c -> new Shown(c.childId(), k.id()))).toList(), detail);
    }

    /** A page of a list of conferences, and where the next page starts, or null for the last page. */
    public record ConferencePage(List<ConferenceView> conferences, ConferenceCursor next) {
    }

    @WithSession
    public Uni<ConferenceView> get(Caller caller, UUID conferenceId) {
        return ReadOnlySession.reading(() -> access.conference(caller, conferenceId)
                .flatMap(c -> describe(caller, c)))
                .call(view -> audited(caller, List.of(view), null));
    }

    @WithTransaction
    public Uni<ConferenceView> cancel(Caller caller, UUID conferenceId) {
        return access.runnableConference(caller, conferenceId).flatMap(conference -> {
            if (conference.status != ConferenceStatus.SCHEDULED) {
                return Uni.createFrom().failure(ApiProblem.conflict("Only a scheduled conference can be cancelled."));
            }
            conference.status = ConferenceStatus.CANCELLED;
            return links.forConference(conferenceId)
                    .call(list -> Sequentially.forEach(list, l -> audit.record(caller,
                            AuditAction.CONFERENCE_CANCELLED, l.childId, conferenceId, null)))
                    .flatMap(l -> describe(caller, conference));
        });
    }

    private static String placeOf(String asked) {
        return asked == null || asked.isBlank() ? null : asked.trim();
    }

    /** When and where a conference is arranged or moved to: what is wrong with it, or null. */
    private ApiProblem whenAndWhereProblem(AttendanceMode mode, String place, Instant startsAt, LocalDate viewsDue) {
        if (mode != AttendanceMode.VIDEO && place == null) {
            return ApiProblem.invalid("place", "Enter where the conference will be held");
        }
        if (startsAt.isBefore(Timestamps.now().minus(5, ChronoUnit.MINUTES))) {
            return ApiProblem.invalid("startsAt", "must be in the future");
        }
        if (viewsDue != null && viewsDue.isAfter(startsAt.atZone(zone).toLocalDate())) {
            return ApiProblem.invalid("viewsDue", "must be on or before the conference date");
        }
        return null;
    }

    /**
     * The social worker moves a scheduled conference to another time (and place, or way of joining); the views-due
     * date follows. The chair, the social worker and the children's advocates are told, except whoever moved it, by
     * the usual content-free e-mail; each child's trail records it.
     */
    @WithTransaction
    public Uni<ConferenceView> move(Caller caller, UUID conferenceId, ConferenceMove request) {
        String place = placeOf(request.place());
        ApiProblem when = whenAndWhereProblem(request.attendanceMode(), place, request.startsAt(), request.viewsDue());
        if (when != null) {
            return Uni.createFrom().failure(when);
        }
        return access.runnableConference(caller, conferenceId).flatMap(conference -> {
            if (conference.status != ConferenceStatus.SCHEDULED) {
                return Uni.createFrom().failure(ApiProblem.conflict("Only a scheduled conference can be moved."));
            }
            conference.startsAt = request.startsAt();
            conference.attendanceMode = request.attendanceMode();
            conference.place = place;
            conference.encrypt();
            conference.viewsDue = request.viewsDue() != null ? request.viewsDue()
                    : defaultViewsDue(conference.type, request.startsAt());
            return links.forConference(conferenceId)
                    .call(list -> advocatesOf(conferenceId).flatMap(advocates -> {
                        Set<UUID> told = new LinkedHashSet<>();
                        told.add(conference.chairId);
                        told.add(conference.socialWorkerId);
                        told.addAll(advocates);
                        told.remove(caller.id());
                        return outbox.notify(NotificationKind.CONFERENCE_MOVED, told, conferenceId, null);
                    }))
                    .call(list -> Sequentially.forEach(list, l -> audit.record(caller,
                            AuditAction.CONFERENCE_MOVED, l.childId, conferenceId, null)))
                    .flatMap(l -> describe(caller, conference));
        });
    }

    private Uni<List<UUID>> advocatesOf(UUID conferenceId) {
        return conferences.getSession().flatMap(s -> s.createNativeQuery("""
                select distinct c.advocate_id from child c join conference_child l on l.child_id = c.id
                where l.conference_id = :conference and c.advocate_id is not null""", UUID.class)
                .setParameter("conference", conferenceId).getResultList());
    }

    /**
     * The chair records, once the conference has started, the decision for every child it covers and a message
     * in plain words for each child. Recording again corrects it. Each recording is announced to the webhook, if one
     * is configured, in the same transaction.
     */
    @WithTransaction
    public Uni<ConferenceView> recordDecision(Caller chair, UUID conferenceId, Decision decision) {
        return access.chairedConference(chair, conferenceId).flatMap(conference -> {
            if (conference.status == ConferenceStatus.CANCELLED) {
                return Uni.createFrom().failure(ApiProblem.conflict("This conference was cancelled."));
            }
            if (Timestamps.now().isBefore(conference.startsAt)) {
                return Uni.createFrom().failure(ApiProblem.conflict(
                        "The decision can be recorded once the conference has started."));
            }
            return links.forConference(conferenceId).flatMap(childLinks -> {
                ApiProblem invalid = validate(conference, decision, childLinks);
                if (invalid != null) {
                    return Uni.createFrom().failure(invalid);
                }
                Instant now = Timestamps.now();
                Map<UUID, ChildDecision> byChild = decision.children().stream()
                        .collect(Collectors.toMap(ChildDecision::childId, Function.identity()));
                for (ConferenceChild link : childLinks) {
                    ChildDecision d = byChild.get(link.childId);
                    link.planNeeded = d.planNeeded();
                    link.harmCategory = d.planNeeded() ? d.category() : null;
                    String message = d.messageForChild() == null || d.messageForChild().isBlank() ? null
                            : d.messageForChild().strip();
                    if (!java.util.Objects.equals(message, link.getOutcomeMessage())) {
                        link.setOutcomeMessage(message);
                        link.outcomeAt = message == null ? null : now;
                    }
                }
                conference.status = ConferenceStatus.HELD;
                conference.nextReviewDate = decision.nextReviewDate();
                if (conference.decidedAt == null) {
                    conference.decidedAt = now;
                }
                return Sequentially.forEach(childLinks, link -> audit.record(chair, AuditAction.DECISION_RECORDED,
                        link.childId, conferenceId, null))
                        .call(() -> webhooks.decisionRecorded(conferenceId,
                                childLinks.stream().map(link -> link.childId).toList(), now))
                        .flatMap(v -> describe(chair, conference));
            });
        });
    }

    private ApiProblem validate(Conference conference, Decision decision, List<ConferenceChild> childLinks) {
        Set<UUID> expected = childLinks.stream().map(l -> l.childId).collect(Collectors.toSet());
        Set<UUID> given = new HashSet<>();
        for (int i = 0; i < decision.children().size(); i++) {
            ChildDecision d = decision.children().get(i);
            String field = "children[" + i + "]";
            if (!expected.contains(d.childId())) {
                return ApiProblem.invalid(field + ".childId", "is not a child this conference is about");
            }
            if (!given.add(d.childId())) {
                return ApiProblem.invalid(field + ".childId", "appears twice");
            }
            if (d.planNeeded() && d.category() == null) {
                return ApiProblem.invalid(field + ".category",
                        "Choose the category of the plan: EMOTIONAL, PHYSICAL, SEXUAL or NEGLECT");
            }
            if (!d.planNeeded() && d.category() != null) {
                return ApiProblem.invalid(field + ".category", "A category is only recorded with a plan");
            }
        }
        if (!given.containsAll(expected)) {
            return ApiProblem.invalid("children", "Record the decision for every child this conference is about");
        }
        boolean anyPlan = decision.children().stream().anyMatch(ChildDecision::planNeeded);
        LocalDate conferenceDay = conference.startsAt.atZone(zone).toLocalDate();
        if (anyPlan && decision.nextReviewDate() == null) {
            return ApiProblem.invalid("nextReviewDate", "Enter the date of the review conference");
        }
        if (decision.nextReviewDate() != null && !decision.nextReviewDate().isAfter(conferenceDay)) {
            return ApiProblem.invalid("nextReviewDate", "must be after the conference");
        }
        return null;
    }

    private Uni<ConferenceView> describe(Caller caller, Conference conference) {
        return describe(caller, List.of(conference), ConferenceSelection.one(conference.id)).map(list -> list.get(0));
    }

    /**
     * Builds the views of several conferences with a fixed number of queries, however many there are; {@code selected}
     * is the selection {@code list} was read from, by which the queries ask for their facts.
     */
    private Uni<List<ConferenceView>> describe(Caller caller, List<Conference> list, ConferenceSelection selected) {
        if (list.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Set<UUID> staffIds = new HashSet<>();
        list.forEach(c -> {
            staffIds.add(c.chairId);
            staffIds.add(c.socialWorkerId);
        });
        Uni<Map<UUID, Child>> visible = access.visibleChildrenOf(caller, selected)
                .map(l -> l.stream().collect(Collectors.toMap(c -> c.id, Function.identity())));
        // The staff named: chairs, social workers, and the advocates allocated to the children shown.
        return visible.flatMap(v -> {
            v.values().stream().map(c -> c.advocateId).filter(java.util.Objects::nonNull).forEach(staffIds::add);
            return accounts.list("id in ?1", staffIds)
                    .map(l -> l.stream().collect(Collectors.toMap(a -> a.id, Function.identity())))
                    .map(s -> Map.entry(s, v));
        }).flatMap(sv -> {
            Map<UUID, StaffAccount> s = sv.getKey();
            Map<UUID, Child> v = sv.getValue();
            Map<UUID, Person> advocates = new java.util.HashMap<>();
            v.values().stream().map(c -> c.advocateId).filter(java.util.Objects::nonNull).distinct()
                    .forEach(id -> advocates.put(id, person(s.get(id))));
            advocates.values().removeIf(java.util.Objects::isNull);
            return statusFacts.gather(selected).map(facts -> list.stream()
                .map(c -> {
                    List<ChildStatus> children = statusFacts.childStatuses(c, v, facts, advocates);
                    return new ConferenceView(c.id, c.type, c.startsAt, c.attendanceMode, c.place, c.status,
                            c.viewsDue, c.nextReviewDate, person(s.get(c.chairId)), person(s.get(c.socialWorkerId)),
                            children, children.stream().anyMatch(ChildStatus::urgent));
                })
                .toList());
        });
    }

    private static Person person(StaffAccount account) {
        return account == null ? null : new Person(account.id, account.displayName);
    }
}
