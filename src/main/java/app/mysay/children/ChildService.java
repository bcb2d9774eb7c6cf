package app.mysay.children;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.accounts.StaffAccountRepository;
import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.audit.AuditLog.Shown;
import app.mysay.children.ChildDtos.ChildDetails;
import app.mysay.children.ChildDtos.ChildView;
import app.mysay.children.ChildDtos.FamilyView;
import app.mysay.children.ChildDtos.NewFamily;
import app.mysay.common.ApiProblem;
import app.mysay.common.ReadOnlySession;
import app.mysay.common.Timestamps;
import app.mysay.security.AccessPolicy;
import app.mysay.security.Caller;
import app.mysay.security.Role;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ChildService {

    private static final int OLDEST_AGE = 18;

    private final ChildRepository children;
    private final FamilyRepository families;
    private final StaffAccountRepository accounts;
    private final AccessPolicy access;
    private final AuditLog audit;

    ChildService(ChildRepository children, FamilyRepository families, StaffAccountRepository accounts,
            AccessPolicy access, AuditLog audit) {
        this.children = children;
        this.families = families;
        this.accounts = accounts;
        this.access = access;
        this.audit = audit;
    }

    @WithSession
    public Uni<List<ChildView>> list(Caller caller, UUID familyId) {
        return access.visibleChildren(caller, familyId).map(list -> list.stream().map(ChildView::of).toList())
                .call(shown -> audited(caller, shown, "list"));
    }

    @WithSession
    public Uni<ChildView> get(Caller caller, UUID childId) {
        return access.child(caller, childId).map(ChildView::of).call(c -> audited(caller, List.of(c), null));
    }

    /** One CHILD_READ per child record shown, committed before the answer leaves. */
    private Uni<Void> audited(Caller caller, List<ChildView> shown, String detail) {
        return audit.recordReads(caller, AuditAction.CHILD_READ,
                shown.stream().map(c -> new Shown(c.id(), null)).toList(), detail);
    }

    /** The social worker who adds a child becomes the child's allocated social worker. */
    @WithTransaction
    public Uni<ChildView> create(Caller socialWorker, ChildDetails details) {
        Child child = new Child();
        child.id = UUID.randomUUID();
        child.socialWorkerId = socialWorker.id();
        child.createdAt = Timestamps.now();
        return apply(socialWorker, child, details)
                .flatMap(c -> children.find("caseReference", details.caseReference().trim()).firstResult())
                .flatMap(existing -> existing != null
                        ? Uni.createFrom().failure(duplicateCaseReference())
                        : children.persist(child))
                .call(c -> audit.record(socialWorker, AuditAction.CHILD_CREATED, c.id, null, null))
                .map(ChildView::of);
    }

    @WithTransaction
    public Uni<ChildView> update(Caller socialWorker, UUID childId, ChildDetails details) {
        // Another child's reference is looked for before this child is changed: changed first, the query would flush
        // it, and the database's unique index would answer before this could (a 500, not a 409).
        return access.manageableChild(socialWorker, childId)
                .call(child -> children.find("caseReference = ?1 and id <> ?2", details.caseReference().trim(), childId)
                        .firstResult()
                        .flatMap(other -> other != null ? Uni.createFrom().failure(duplicateCaseReference())
                                : Uni.createFrom().voidItem()))
                .flatMap(child -> apply(socialWorker, child, details))
                .call(child -> audit.record(socialWorker, AuditAction.CHILD_UPDATED, child.id, null, null))
                .map(ChildView::of);
    }

    private Uni<Child> apply(Caller socialWorker, Child child, ChildDetails d) {
        if (d.dateOfBirth() == null && d.ageBand() == null) {
            return Uni.createFrom().failure(ApiProblem.invalid("dateOfBirth",
                    "Enter the child's date of birth, or choose an age band if it is not known"));
        }
        if (d.dateOfBirth() != null && d.dateOfBirth().isBefore(LocalDate.now().minusYears(OLDEST_AGE))) {
            return Uni.createFrom().failure(ApiProblem.invalid("dateOfBirth",
                    "MySay is for children under 18: check the date of birth"));
        }
        child.knownAs = d.knownAs().trim();
        child.dateOfBirth = d.dateOfBirth();
        child.ageBand = d.dateOfBirth() != null ? null : d.ageBand();
        child.preferredLanguage = d.preferredLanguage() == null || d.preferredLanguage().isBlank() ? "en"
                : d.preferredLanguage();
        child.communicationNeeds = blankToNull(d.communicationNeeds());
        child.encrypt();
        child.caseReference = d.caseReference().trim();
        Uni<Void> familyCheck = d.familyId() == null ? Uni.createFrom().voidItem()
                : families.find("id = ?1 and socialWorkerId = ?2", d.familyId(), socialWorker.id()).firstResult()
                        .onItem().ifNull().failWith(() -> ApiProblem.invalid("familyId",
                                "No family with this id is yours to add children to"))
                        .replaceWithVoid();
        Uni<Void> advocateCheck = d.advocateId() == null ? Uni.createFrom().voidItem()
                : accounts.findEnabledWithRole(d.advocateId(), Role.ADVOCATE)
                        .onItem().ifNull().failWith(() -> ApiProblem.invalid("advocateId",
                                "No advocate with this id: choose one from the staff directory"))
                        .replaceWithVoid();
        return familyCheck.call(() -> advocateCheck).map(v -> {
            child.familyId = d.familyId();
            child.advocateId = d.advocateId();
            return child;
        });
    }

    @WithTransaction
    public Uni<FamilyView> createFamily(Caller socialWorker, NewFamily request) {
        String reference = request.reference().trim();
        return families.find("reference", reference).firstResult().flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ApiProblem.conflict(
                        "A family with this reference already exists. Use it, or check the reference."));
            }
            Family family = new Family();
            family.id = UUID.randomUUID();
            family.reference = reference;
            family.socialWorkerId = socialWorker.id();
            family.createdAt = Timestamps.now();
            return families.persist(family).map(f -> new FamilyView(f.id, f.reference, f.socialWorkerId, List.of()));
        });
    }

    @WithSession
    public Uni<List<FamilyView>> families(Caller caller) {
        return ReadOnlySession.reading(() -> access.visibleFamilies(caller).flatMap(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(List.<FamilyView>of());
            }
            return access.visibleChildren(caller, null).map(visible -> list.stream()
                    .map(f -> new FamilyView(f.id, f.reference, f.socialWorkerId, visible.stream()
                            .filter(c -> f.id.equals(c.familyId)).map(ChildView::of).toList()))
                    .toList());
        })).call(list -> audited(caller, list.stream().flatMap(f -> f.children().stream()).toList(), "families"));
    }

    @WithSession
    public Uni<FamilyView> family(Caller caller, UUID familyId) {
        return ReadOnlySession.reading(() -> access.family(caller, familyId)
                .flatMap(f -> access.visibleChildren(caller, f.id).map(kids -> new FamilyView(f.id, f.reference,
                        f.socialWorkerId, kids.stream().map(ChildView::of).toList()))))
                .call(f -> audited(caller, f.children(), "family"));
    }

    private static ApiProblem duplicateCaseReference() {
        return ApiProblem.conflict("Another child already has this case reference. Check the reference.");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
