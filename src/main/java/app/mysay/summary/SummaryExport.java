package app.mysay.summary;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import app.mysay.attachments.AttachmentKind;
import app.mysay.common.Timestamps;
import app.mysay.conferences.AttendanceMode;
import app.mysay.conferences.Conference;
import app.mysay.conferences.ConferenceStatus;
import app.mysay.conferences.ConferenceType;
import app.mysay.conferences.HarmCategory;
import app.mysay.security.Role;
import app.mysay.summary.SummaryService.ReadableChild;
import app.mysay.views.ViewsContent;

/**
 * The conference pack as data, for the council's case-management system: for each child whose views the caller may
 * read, the newest sent version exactly as sent, the chair's acknowledgement and the decision.
 */
public record SummaryExport(UUID conferenceId, ConferenceType type, Instant startsAt, AttendanceMode attendanceMode,
        String place, ConferenceStatus status, LocalDate viewsDue, Instant decidedAt, LocalDate nextReviewDate,
        Instant exportedAt, List<ChildViews> children) {

    /**
     * One child: {@code latest} is null when nothing has been sent yet, {@code chairRead} before the chair has read it;
     * {@code safetyTrend} is how safe the child said they felt at each conference the caller may see, oldest first
     * (empty unless there are two answers or more).
     */
    public record ChildViews(UUID childId, String knownAs, String caseReference, LatestViews latest,
            ChairRead chairRead, Decision decision, List<SafetyPoint> safetyTrend) {
    }

    /**
     * The child's answer to "how safe do you feel?" (0 to 10) at one conference, and whether the child let their
     * parents or carers see it (shown over time, the scale is for parents only if every answer in it was).
     */
    public record SafetyPoint(UUID conferenceId, Instant startsAt, int score, boolean parentsMaySee,
            boolean thisConference) {
    }

    /**
     * The newest sent version; {@code content.authorship} says who wrote it. The voice notes and pictures its content
     * names (by id) are in {@code attachments}, each with the address to fetch it from (with the caller's own
     * credentials; every fetch is audited).
     */
    public record LatestViews(int version, Instant sentAt, Role sentBy, ViewsContent content,
            List<ExportedAttachment> attachments) {
    }

    public record ExportedAttachment(UUID id, AttachmentKind kind, String mediaType, int bytes, Integer width,
            Integer height, String href) {
    }

    public record ChairRead(Instant readAt, Integer version) {
    }

    /** Null until the conference's decision has been recorded. */
    public record Decision(Boolean planNeeded, HarmCategory category, String messageForChild, Instant recordedAt) {
    }

    static SummaryExport of(Conference c, List<ReadableChild> children, java.util.Map<UUID, List<SafetyPoint>> trends) {
        return new SummaryExport(c.id, c.type, c.startsAt, c.attendanceMode, c.place, c.status, c.viewsDue, c.decidedAt,
                c.nextReviewDate, Timestamps.now(), children.stream()
                        .map(r -> child(r, trends.getOrDefault(r.child().id, List.of()))).toList());
    }

    private static ChildViews child(ReadableChild r, List<SafetyPoint> trend) {
        var link = r.link();
        var v = r.latest();
        return new ChildViews(r.child().id, r.child().knownAs, r.child().caseReference,
                v == null ? null : new LatestViews(v.version, v.sentAt, v.authorRole, v.content(),
                        r.attachments().stream().map(a -> new ExportedAttachment(a.id(), a.kind(), a.mediaType(),
                                a.bytes(), a.width(), a.height(), "/api/conferences/" + v.conferenceId + "/children/"
                                        + v.childId + "/attachments/" + a.id())).toList()),
                link.chairReadAt == null ? null : new ChairRead(link.chairReadAt, link.chairReadVersion),
                link.planNeeded == null && link.outcomeAt == null ? null
                        : new Decision(link.planNeeded, link.harmCategory, link.getOutcomeMessage(), link.outcomeAt),
                trend);
    }
}
