package app.mysay.views;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import app.mysay.attachments.AttachmentDtos.AttachmentInfo;
import app.mysay.conferences.AttendanceMode;
import app.mysay.conferences.ConferenceStatus;
import app.mysay.conferences.ConferenceType;
import app.mysay.security.Role;

public final class ViewsDtos {

    private ViewsDtos() {
    }

    /** A sent version; {@code attachments} are the facts of the voice notes and pictures its content names. */
    public record SentViews(int version, Instant sentAt, Role sentBy, ViewsContent content,
            List<AttachmentInfo> attachments) {
        static SentViews of(Views v, List<AttachmentInfo> attachments) {
            return v == null ? null : new SentViews(v.version, v.sentAt, v.authorRole, v.content(), attachments);
        }
    }

    public record VersionInfo(int version, Instant sentAt, Role sentBy, AuthorshipKind authorship) {
        static VersionInfo of(Views v) {
            return new VersionInfo(v.version, v.sentAt, v.authorRole, v.authorship);
        }
    }

    /** What an author (the child, or an advocate) sees while writing: their draft and what has been sent. */
    public record AuthorViews(UUID conferenceId, UUID childId, LocalDate viewsDue, ConferenceStatus conferenceStatus,
            ViewsContent draft, Instant draftSavedAt, SentViews latestSent, List<VersionInfo> versions) {
    }

    /** What the chair and social worker read: the newest sent views, the history, and the chair's acknowledgement. */
    public record StaffViews(UUID conferenceId, UUID childId, SentViews latest, List<VersionInfo> versions,
            Instant chairReadAt, Integer chairReadVersion) {
    }

    public record DraftSaved(UUID conferenceId, UUID childId, Instant savedAt) {
    }

    /** {@code helpOffered}: the child's words were flagged, so the app shows the help lines, calmly. */
    public record SendReceipt(UUID conferenceId, UUID childId, int version, Instant sentAt, boolean helpOffered) {
    }

    /** What the sending made; {@code authorship} is for the metrics only and is not answered. */
    public record SendResult(SendReceipt receipt, boolean replayed, AuthorshipKind authorship) {
    }

    public record Acknowledgement(UUID conferenceId, UUID childId, int version, Instant readAt) {
    }

    /** The child's home page: for each of their conferences, whether views were sent and read, and the outcome. */
    public record ChildHome(UUID childId, String knownAs, String preferredLanguage, List<ChildConference> conferences) {
    }

    /**
     * {@code planNeeded} is the decision for this child once the conference is held and it is recorded (null before);
     * {@code nextReviewDate} is the review conference's date, given only to a child with a plan. The app tells the
     * child both in plain words, whatever the chair's message says; the plan's category stays with the professionals.
     */
    public record ChildConference(UUID conferenceId, ConferenceType type, Instant startsAt, AttendanceMode attendanceMode,
            String place, ConferenceStatus status, LocalDate viewsDue, boolean viewsDueSoon, boolean draftSaved, Integer sentVersion,
            Instant sentAt, Instant readByChairAt, Integer readByChairVersion, String chairMessage,
            Instant chairMessageAt, Boolean planNeeded, LocalDate nextReviewDate) {
    }
}
