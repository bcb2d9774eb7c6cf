package app.mysay.common;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A failure the caller can act on, answered as RFC 9457 problem+json by {@link ProblemMapper}.
 * The detail is written for a person: it says what went wrong and what to do next.
 */
public class ApiProblem extends RuntimeException {

    public record InvalidParam(String name, String reason) {
    }

    private final int status;
    private final String title;
    private final String type;
    private final List<InvalidParam> invalidParams;
    private final Map<String, Object> extensions;
    /** Seconds after which trying again may succeed, sent as {@code Retry-After}; null when not said. */
    private Long retryAfterSeconds;

    public ApiProblem(int status, String type, String title, String detail, List<InvalidParam> invalidParams,
            Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.invalidParams = invalidParams == null ? List.of() : List.copyOf(invalidParams);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public ApiProblem(int status, String type, String title, String detail) {
        this(status, type, title, detail, null, null);
    }

    /** The one answer for anything the caller may not see, so that existence is never revealed. */
    public static ApiProblem notFound() {
        return new ApiProblem(404, "not-found", "Not found",
                "There is nothing here, or you do not have access to it. Check the address, or ask the person who shared it.");
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "bad-request", "The request is not right", detail);
    }

    public static ApiProblem invalid(String field, String reason) {
        return new ApiProblem(400, "validation", "Some answers need changing",
                "Please correct the highlighted answers and try again.", List.of(new InvalidParam(field, reason)), null);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "conflict", "This cannot be done now", detail);
    }

    public static ApiProblem unprocessable(String type, String title, String detail) {
        return new ApiProblem(422, type, title, detail);
    }

    /** Says when to try again (the Retry-After header, in seconds). */
    public ApiProblem withRetryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI type() {
        return URI.create("https://mysay.example/problems/" + type);
    }

    public String detail() {
        return getMessage();
    }

    public List<InvalidParam> invalidParams() {
        return invalidParams;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
