package app.mysay.retention;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public final class RetentionDtos {

    private RetentionDtos() {
    }

    public record NewLegalHold(
            @NotBlank(message = "Say briefly why the child's views must be kept")
            @Size(max = 200, message = "must be at most 200 characters") String reason) {
    }

    /** A hold, as managers see it: by case reference, never by name. */
    public record LegalHoldView(String caseReference, String reason, Instant placedAt) {
    }

    /** What one run of the purge did. */
    public record PurgeRun(int children) {
    }
}
