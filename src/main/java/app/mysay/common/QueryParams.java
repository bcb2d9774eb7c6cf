package app.mysay.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Query parameters read by hand, so that a malformed one is answered with a 400 naming it rather than the 404 that
 * JAX-RS gives for a parameter it cannot convert. Collects every problem, then {@link #check()} fails with all of them.
 */
public final class QueryParams {

    private final List<ApiProblem.InvalidParam> invalid = new ArrayList<>();

    public LocalDate date(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            invalid(name, "must be a real date written as YYYY-MM-DD, like 2026-03-31");
            return null;
        }
    }

    public Long number(String name, String raw, long min, long max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value < min || value > max) {
                invalid(name, "must be a whole number from " + min + " to " + max);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            invalid(name, "must be a whole number from " + min + " to " + max);
            return null;
        }
    }

    /** One of the allowed words (in any case), or null when absent. */
    public String choice(String name, String raw, String... allowed) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        for (String word : allowed) {
            if (word.equalsIgnoreCase(raw.strip())) {
                return word;
            }
        }
        invalid(name, "must be one of: " + String.join(", ", allowed));
        return null;
    }

    public void invalid(String name, String reason) {
        invalid.add(new ApiProblem.InvalidParam(name, reason));
    }

    public boolean hasProblems() {
        return !invalid.isEmpty();
    }

    /** Throws one validation problem naming every parameter that needs changing. */
    public void check() {
        if (!invalid.isEmpty()) {
            throw new ApiProblem(400, "validation", "Some answers need changing",
                    "Please correct the highlighted answers and try again.", invalid, null);
        }
    }
}
