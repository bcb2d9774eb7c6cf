package app.mysay.conferences;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.mysay.children.Child;
import app.mysay.common.Timestamps;
import app.mysay.conferences.ConferenceDtos.ChildStatus;
import app.mysay.invitations.ChildDevice;
import app.mysay.invitations.ChildDeviceRepository;
import app.mysay.invitations.InvitationRepository;
import app.mysay.invitations.InvitationRepository.InvitationStatus;
import app.mysay.invitations.InvitationState;
import app.mysay.security.ConferenceSelection;
import app.mysay.views.AdvocateChoice;
import app.mysay.views.TakingPartWay;
import app.mysay.views.UrgentRule;
import app.mysay.views.ViewsRepository;
import app.mysay.views.ViewsRepository.DraftStarted;
import app.mysay.views.ViewsRepository.LatestSent;
import io.smallrye.mutiny.Uni;

/**
 * Where each child stands in their conferences, for the workspace's status lines: gathered for many conferences at
 * once with a fixed number of queries, and turned into facts, never the child's words.
 */
@ApplicationScoped
public class StatusFacts {

    private static final Set<TakingPartWay> ATTENDING = EnumSet.of(TakingPartWay.COME_TO_ALL,
            TakingPartWay.COME_TO_PART, TakingPartWay.COME_WITH_SUPPORTER, TakingPartWay.JOIN_BY_VIDEO,
            TakingPartWay.SMALLER_MEETING_WITH_CHAIR);
    private static final Set<TakingPartWay> TALK_TO_CHAIR_FIRST = EnumSet.of(
            TakingPartWay.TALK_TO_CHAIR_BEFORE_BY_PHONE, TakingPartWay.TALK_TO_CHAIR_BEFORE_BY_EMAIL,
            TakingPartWay.TALK_TO_CHAIR_BEFORE_FACE_TO_FACE);

    private final ConferenceChildRepository links;
    private final ViewsRepository views;
    private final InvitationRepository invitations;
    private final ChildDeviceRepository devices;
    private final UrgentRule urgentRule;
    private final ZoneId zone;

    StatusFacts(ConferenceChildRepository links, ViewsRepository views, InvitationRepository invitations,
            ChildDeviceRepository devices, UrgentRule urgentRule,
            @ConfigProperty(name = "mysay.zone") ZoneId zone) {
        this.links = links;
        this.views = views;
        this.invitations = invitations;
        this.devices = devices;
        this.urgentRule = urgentRule;
        this.zone = zone;
    }

    public record Facts(List<ConferenceChild> links, Map<String, LatestSent> latest, Set<String> drafts,
            Map<String, InvitationStatus> newestInvitation, Set<UUID> lockedChildren) {
    }

    /**
     * One query each for links, sent views, drafts, invitations and locked devices, run one after another, each asking
     * for the selected conferences by their rule, not by a list of ids.
     */
    public Uni<Facts> gather(ConferenceSelection conferences) {
        return links.list("from ConferenceChild l where " + conferences.contains("l.conferenceId"),
                conferences.parameters())
                .flatMap(allLinks -> views.latestSent(conferences)
                .flatMap(latest -> views.draftsStarted(conferences)
                        .flatMap(drafts -> invitations.statuses(conferences)
                                .flatMap(invites -> lockedChildren(conferences)
                                        .map(locked -> new Facts(allLinks,
                                                latest.stream().collect(Collectors.toMap(
                                                        l -> key(l.conferenceId(), l.childId()), Function.identity())),
                                                drafts.stream().map(d -> key(d.conferenceId(), d.childId()))
                                                        .collect(Collectors.toSet()),
                                                invites.stream().collect(Collectors.toMap(
                                                        i -> key(i.conferenceId(), i.childId()), Function.identity(),
                                                        (x, y) -> x.createdAt().isAfter(y.createdAt()) ? x : y)),
                                                locked))))));
    }

    /** The children of these conferences with a locked device. */
    private Uni<Set<UUID>> lockedChildren(ConferenceSelection conferences) {
        return devices.list("from ChildDevice d where d.lockedAt is not null and d.childId in (select l.childId "
                + "from ConferenceChild l where " + conferences.contains("l.conferenceId") + ")",
                conferences.parameters())
                .map(list -> list.stream().map((ChildDevice d) -> d.childId).collect(Collectors.toSet()));
    }

    /** The statuses of the children of one conference that the caller may see, urgent first, then by name. */
    public List<ChildStatus> childStatuses(Conference conference, Map<UUID, Child> visible, Facts facts,
            Map<UUID, ConferenceDtos.Person> advocates) {
        Instant now = Timestamps.now();
        LocalDate today = now.atZone(zone).toLocalDate();
        return facts.links().stream()
                .filter(l -> l.conferenceId.equals(conference.id) && visible.containsKey(l.childId))
                .map(l -> status(conference, l, visible.get(l.childId), facts, now, today, advocates))
                .sorted(Comparator.comparing(ChildStatus::urgent).reversed().thenComparing(ChildStatus::knownAs))
                .toList();
    }

    private ChildStatus status(Conference conference, ConferenceChild link, Child child, Facts facts, Instant now,
            LocalDate today, Map<UUID, ConferenceDtos.Person> advocates) {
        String key = key(conference.id, child.id);
        LatestSent sent = facts.latest().get(key);
        InvitationStatus invitation = facts.newestInvitation().get(key);
        InvitationState invitationState = invitation == null ? null : invitation.stateAt(now);
        boolean locked = facts.lockedChildren().contains(child.id);
        Set<TakingPartWay> ways = sent == null ? Set.of() : sent.takingPartWays();
        Boolean wantsToAttend = sent == null || ways.isEmpty() ? null
                : ways.stream().anyMatch(ATTENDING::contains) ? Boolean.TRUE
                        : ways.contains(TakingPartWay.NOT_ATTENDING) ? Boolean.FALSE : null;
        boolean talkFirst = sent != null
                && (sent.hasWordsForChairFirst() || ways.stream().anyMatch(TALK_TO_CHAIR_FIRST::contains));
        AdvocateChoice advocate = sent == null ? null : sent.advocateChoice();

        List<Attention> attention = new ArrayList<>();
        boolean open = conference.status == ConferenceStatus.SCHEDULED;
        UrgentRule.Urgency urgency = sent == null ? null : urgentRule.of(sent.urgentReasons(), sent.safetyScore());
        if (urgency != null && !urgency.words().isEmpty()) {
            attention.add(Attention.URGENT_WORDS);
        }
        if (urgency != null && urgency.lowSafetyScore()) {
            attention.add(Attention.LOW_SAFETY_SCORE);
        }
        if (talkFirst && open) {
            attention.add(Attention.WANTS_TO_TALK_TO_CHAIR_FIRST);
        }
        if (advocate == AdvocateChoice.WANT_ONE && open) {
            attention.add(Attention.WANTS_AN_ADVOCATE);
        }
        if (locked) {
            attention.add(Attention.DEVICE_LOCKED);
        }
        if (open && sent == null) {
            if (invitationState != InvitationState.OPEN && invitationState != InvitationState.REDEEMED
                    && child.advocateId == null) {
                attention.add(Attention.NOT_INVITED);
            }
            if (today.isAfter(conference.viewsDue)) {
                attention.add(Attention.VIEWS_OVERDUE);
            }
        }
        if (sent != null && open && (link.chairReadVersion == null || link.chairReadVersion < sent.version())) {
            attention.add(Attention.UNREAD_BY_CHAIR);
        }
        return new ChildStatus(child.id, child.knownAs, child.ageBandOn(today), child.preferredLanguage,
                child.caseReference, invitationState,
                locked, facts.drafts().contains(key), sent == null ? null : sent.version(),
                sent == null ? null : sent.sentAt(), sent == null ? null : sent.authorship(), wantsToAttend,
                ways, advocate, child.advocateId == null ? null : advocates.get(child.advocateId), talkFirst,
                link.chairReadAt, link.chairReadVersion, link.planNeeded,
                link.harmCategory, link.getOutcomeMessage(), link.outcomeAt, List.copyOf(attention),
                attention.stream().anyMatch(Attention::urgent));
    }

    private static String key(UUID conferenceId, UUID childId) {
        return conferenceId + "/" + childId;
    }
}
