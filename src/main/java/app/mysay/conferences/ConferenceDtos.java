package app.mysay.conferences;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import app.mysay.children.AgeBand;

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

    public record Person(UUID id, String displayName) {
    }

    /** Where one child stands: facts about their views, never the views themselves. */
    public record ChildStatus(UUID childId, String knownAs, AgeBand ageBand, Integer sentVersion, Instant sentAt,
            Instant chairReadAt, Integer chairReadVersion, Boolean planNeeded, HarmCategory harmCategory,
            String outcomeMessage, Instant outcomeAt) {
    }

    public record ConferenceView(UUID id, ConferenceType type, Instant startsAt, AttendanceMode attendanceMode,
            String place, ConferenceStatus status, LocalDate viewsDue, LocalDate nextReviewDate, Person chair,
            Person socialWorker, List<ChildStatus> children) {
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
