package app.mysay.children;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public final class ChildDtos {

    private ChildDtos() {
    }

    /** A child's record as a social worker enters it: only what the conference needs. */
    public record ChildDetails(
            @NotBlank(message = "Enter the name the child likes to be called")
            @Size(max = 60, message = "must be at most 60 characters") String knownAs,
            @Past(message = "must be a date in the past") LocalDate dateOfBirth,
            AgeBand ageBand,
            @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a language code such as en, cy or ar")
            String preferredLanguage,
            @Size(max = 500, message = "must be at most 500 characters") String communicationNeeds,
            @NotBlank(message = "Enter the council's case reference")
            @Size(max = 50, message = "must be at most 50 characters")
            @Pattern(regexp = "[A-Za-z0-9/_.-]*", message = "may use only letters, digits and / _ . -") String caseReference,
            UUID familyId,
            UUID advocateId) {
    }

    public record ChildView(UUID id, String knownAs, LocalDate dateOfBirth, AgeBand ageBand, String preferredLanguage,
            String communicationNeeds, String caseReference, UUID familyId, UUID socialWorkerId, UUID advocateId) {

        public static ChildView of(Child c) {
            return new ChildView(c.id, c.knownAs, c.dateOfBirth, c.ageBandOn(LocalDate.now()), c.preferredLanguage,
                    c.communicationNeeds, c.caseReference, c.familyId, c.socialWorkerId, c.advocateId);
        }
    }

    public record NewFamily(
            @NotBlank(message = "Enter the council's family reference")
            @Size(max = 50, message = "must be at most 50 characters")
            @Pattern(regexp = "[A-Za-z0-9/_.-]*", message = "may use only letters, digits and / _ . -") String reference) {
    }

    public record FamilyView(UUID id, String reference, UUID socialWorkerId, List<ChildView> children) {
    }
}
