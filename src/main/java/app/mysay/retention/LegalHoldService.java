package app.mysay.retention;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.children.Child;
import app.mysay.children.ChildRepository;
import app.mysay.common.ApiProblem;
import app.mysay.common.Timestamps;
import app.mysay.retention.RetentionDtos.LegalHoldView;
import app.mysay.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Legal holds, placed and lifted by managers. A manager sees no child's data, so a hold names the child by the
 * council's case reference, as the audit search does; the answer says nothing about the child beyond the hold.
 */
@ApplicationScoped
public class LegalHoldService {

    private final LegalHoldRepository holds;
    private final ChildRepository children;
    private final AuditLog audit;

    LegalHoldService(LegalHoldRepository holds, ChildRepository children, AuditLog audit) {
        this.holds = holds;
        this.children = children;
        this.audit = audit;
    }

    public record Placed(LegalHoldView hold, boolean created) {
    }

    @WithSession
    public Uni<LegalHoldView> get(String caseReference) {
        return child(caseReference).flatMap(child -> holds.findById(child.id)
                .onItem().ifNull().failWith(ApiProblem::notFound)
                .map(hold -> view(child, hold)));
    }

    /** Places a hold, or changes the reason of the one in place. */
    @WithTransaction
    public Uni<Placed> place(Caller manager, String caseReference, String reason) {
        return child(caseReference).flatMap(child -> holds.findById(child.id).flatMap(existing -> {
            LegalHold hold = existing != null ? existing : new LegalHold();
            hold.reason = reason.trim();
            if (existing == null) {
                hold.childId = child.id;
                hold.placedBy = manager.id();
                hold.placedAt = Timestamps.now();
            }
            hold.encrypt();
            // The reason is free text and stays out of the trail: the detail is one of two fixed phrases.
            return (existing == null ? holds.persist(hold) : Uni.createFrom().item(hold))
                    .call(h -> audit.record(manager, AuditAction.LEGAL_HOLD_PLACED, child.id, null,
                            existing == null ? "hold placed" : "reason changed"))
                    .map(h -> new Placed(view(child, h), existing == null));
        }));
    }

    /** Lifts the hold, if there is one (lifting nothing is not an error, and is not audited). */
    @WithTransaction
    public Uni<Void> lift(Caller manager, String caseReference) {
        return child(caseReference).flatMap(child -> holds.findById(child.id).flatMap(hold -> hold == null
                ? Uni.createFrom().voidItem()
                : holds.delete(hold).call(() -> audit.record(manager, AuditAction.LEGAL_HOLD_LIFTED, child.id, null,
                        "hold lifted"))));
    }

    /** The child with this case reference: exactly, or else whatever its case if only one child matches. */
    private Uni<Child> child(String caseReference) {
        String reference = caseReference == null ? "" : caseReference.trim();
        if (reference.isEmpty() || reference.length() > 50) {
            return Uni.createFrom().failure(ApiProblem.notFound());
        }
        return children.find("caseReference", reference).firstResult().flatMap(exact -> exact != null
                ? Uni.createFrom().item(exact)
                : children.find("lower(caseReference) = lower(?1)", reference).list()
                        .map(List::copyOf)
                        .flatMap(found -> found.size() == 1 ? Uni.createFrom().item(found.get(0))
                                : Uni.createFrom().failure(ApiProblem.notFound())));
    }

    private static LegalHoldView view(Child child, LegalHold hold) {
        return new LegalHoldView(child.caseReference, hold.reason, hold.placedAt);
    }
}
