package app.mysay.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public final class AuditDtos {

    private AuditDtos() {
    }

    /**
     * One audit event as a manager sees it: who (a member of staff's name, or only the role for a child or someone not
     * signed in), what, and which child by case reference: never the child's name.
     */
    public record AuditEntry(long id, Instant at, String actorName, String actorRole, AuditAction action,
            String childReference, UUID conferenceId, String detail) {
    }

    /** A page of events, newest first; nextBefore is the "before" that asks for the next, older page (null at the end). */
    public record AuditPage(List<AuditEntry> events, Long nextBefore) {
    }

    /**
     * The outcome of walking the audit trail's hash chain in id order: records is how many events were checked (the
     * walk stops at the first that does not fit); firstBrokenId is that event (after a deleted event, the one that
     * followed it), or null when the whole chain verified.
     */
    public record AuditVerification(boolean verified, long records, Long firstBrokenId, Instant checkedAt) {
    }
}
