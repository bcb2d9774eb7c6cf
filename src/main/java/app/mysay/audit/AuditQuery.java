package app.mysay.audit;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;

import app.mysay.common.QueryParams;

/** The manager's audit search: every filter optional, all of them together. */
public record AuditQuery(String childReference, UUID personId, LocalDate from, LocalDate to, AuditAction action,
        Long before, int limit) {

    static final int DEFAULT_LIMIT = 50;
    static final int MOST_PER_PAGE = 200;
    /** The same characters a case reference may have (children.ChildDtos), so nothing else typed reaches the log. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9/_.-]{1,50}");
    private static final Pattern ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public static AuditQuery parse(String childReference, String personId, String from, String to, String action,
            String before, String limit) {
        QueryParams params = new QueryParams();
        String reference = blankToNull(childReference);
        if (reference != null && !REFERENCE.matcher(reference).matches()) {
            params.invalid("childReference", "must be a case reference: up to 50 letters, digits and / _ . -");
            reference = null;
        }
        UUID person = null;
        String personText = blankToNull(personId);
        if (personText != null) {
            if (ID.matcher(personText).matches()) {
                person = UUID.fromString(personText);
            } else {
                params.invalid("personId", "must be a person's id from the staff directory");
            }
        }
        LocalDate fromDate = params.date("from", from);
        LocalDate toDate = params.date("to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            params.invalid("from", "must be on or before the end date");
        }
        AuditAction chosen = null;
        String actionText = blankToNull(action);
        if (actionText != null) {
            chosen = Arrays.stream(AuditAction.values()).filter(a -> a.name().equals(actionText)).findFirst().orElse(null);
            if (chosen == null) {
                params.invalid("action", "must be one of the audit actions, such as VIEWS_READ");
            }
        }
        Long beforeId = params.number("before", before, 1, Long.MAX_VALUE);
        Long pageSize = params.number("limit", limit, 1, MOST_PER_PAGE);
        params.check();
        return new AuditQuery(reference, person, fromDate, toDate, chosen, beforeId,
                pageSize == null ? DEFAULT_LIMIT : pageSize.intValue());
    }

    /** The filters, for the audit record of the search itself: only references, ids, dates and names of actions. */
    String summary() {
        StringBuilder s = new StringBuilder();
        append(s, "reference", childReference);
        append(s, "person", personId);
        append(s, "from", from);
        append(s, "to", to);
        append(s, "action", action);
        append(s, "before", before);
        String text = s.isEmpty() ? "no filters" : s.toString();
        return text.length() <= 200 ? text : text.substring(0, 200);
    }

    private static void append(StringBuilder s, String name, Object value) {
        if (value != null) {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            s.append(name).append('=').append(value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
