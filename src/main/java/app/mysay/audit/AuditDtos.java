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
    /**
     * The outcome of checking the chain. {@code problem} says, without any content, what did not fit when that is not
     * one event (a chain cut short, a checkpoint not sealed by MySay); {@code checkpoints} is how many keyed checkpoints
     * it was compared with, and the newest one's position and time let the operator compare it with their own copy.
     */
    public record AuditVerification(boolean verified, long records, Long firstBrokenId, Instant checkedAt,
            String problem, int checkpoints, Long newestCheckpointPosition, Instant newestCheckpointAt) {
    }
}
