package app.mysay.conferences;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import app.mysay.children.AgeBand;
import app.mysay.invitations.InvitationState;
import app.mysay.views.AdvocateChoice;
import app.mysay.views.AuthorshipKind;
import app.mysay.views.TakingPartWay;

public final class ConferenceDtos {

    private ConferenceDtos() {
    }

    public record NewConference(
            @NotNull(message = "Choose INITIAL or REVIEW") ConferenceType type,
            @NotNull(message = "Enter the date and time of the conference") Instant startsAt,
            @NotNull(message = "Choose IN_PERSON, VIDEO or HYBRID") AttendanceMode attendanceMode,
            @Size(max = 200, message = "must be at most 200 characters") String place,
            @NotNull(message = "Choose the chair") UUID chairId,
            @NotEmpty(message = "Choose the children this conference is about")
            @Size(max = 12, message = "can cover at most 12 children") List<@NotNull UUID> childIds,
            /** When the child's views are due; by default 2 working days before an initial conference, 7 before a review. */
            LocalDate viewsDue) {
    }

    /**
     * Moving a conference to another time, and maybe another place or way of joining. With no views-due date, the
     * usual one for the new time is worked out (2 working days before an initial conference, 7 before a review).
     */
    public record ConferenceMove(
            @NotNull(message = "Enter the new date and time of the conference") Instant startsAt,
            @NotNull(message = "Choose IN_PERSON, VIDEO or HYBRID") AttendanceMode attendanceMode,
            @Size(max = 200, message = "must be at most 200 characters") String place,
            LocalDate viewsDue) {
    }

    public record Person(UUID id, String displayName) {
    }

    /**
     * Where one child stands: facts about their views, never the child's words. {@code invitation} is the state of
     * the newest invitation, null if none was made; {@code wantsToAttend} is null until the child has said.
     * {@code preferredLanguage} is the language the child reads MySay in, so the chair writes to them in it.
     */
    public record ChildStatus(UUID childId, String knownAs, AgeBand ageBand, String preferredLanguage, String caseReference,
            InvitationState invitation, boolean deviceLocked, boolean draftStarted, Integer sentVersion,
            Instant sentAt, AuthorshipKind authorship, Boolean wantsToAttend, Set<TakingPartWay> takingPartWays,
            AdvocateChoice advocateChoice, Person advocate, boolean wantsToTalkToChairFirst, Instant chairReadAt,
            Integer chairReadVersion, Boolean planNeeded, HarmCategory harmCategory, String outcomeMessage,
            Instant outcomeAt, List<Attention> attention, boolean urgent) {
    }

    /** {@code urgent} when any child's status is urgent; lists put these first. */
    public record ConferenceView(UUID id, ConferenceType type, Instant startsAt, AttendanceMode attendanceMode,
            String place, ConferenceStatus status, LocalDate viewsDue, LocalDate nextReviewDate, Person chair,
            Person socialWorker, List<ChildStatus> children, boolean urgent) {
    }

    public record ChildDecision(
            @NotNull(message = "Say which child this is") UUID childId,
            @NotNull(message = "Say whether a Child Protection Plan is needed") Boolean planNeeded,
            HarmCategory category,
            @Size(max = 2000, message = "must be at most 2000 characters") String messageForChild) {
    }

    public record Decision(
            LocalDate nextReviewDate,
            @NotEmpty(message = "Record the decision for each child") @Size(max = 12) List<@NotNull @Valid ChildDecision> children) {
    }
}
