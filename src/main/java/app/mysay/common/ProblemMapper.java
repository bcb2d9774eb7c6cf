package app.mysay.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import app.mysay.observability.RequestIds;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error the API answers is RFC 9457 problem+json, built here and nowhere else. */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        return respond(problem, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<ApiProblem.InvalidParam> params = new ArrayList<>();
        e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> params.add(new ApiProblem.InvalidParam(fieldName(v), v.getMessage())));
        return respond(new ApiProblem(400, "validation", "Some answers need changing",
                "Please correct the highlighted answers and try again.", params, null), uri);
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return respond(new ApiProblem(401, "sign-in-required", "Please sign in",
                "Your sign-in has ended or is not valid. Please sign in again."), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new ApiProblem(403, "forbidden", "Not available to you",
                "Your role cannot do this. If you think it should, ask your manager."), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(jsonProblem(e), uri);
    }

    /**
     * Declared for its own type: Quarkus has a built-in mapper for MismatchedInputException (wrong kind, unknown
     * value, unknown field) that would otherwise win over {@link #unreadableJson} and answer without problem+json.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return respond(jsonProblem(e), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return respond(jsonProblem(json), uri);
        }
        int status = e.getResponse().getStatus();
        ApiProblem problem = switch (status) {
            case 404 -> ApiProblem.notFound();
            case 405 -> new ApiProblem(405, "method-not-allowed", "Not allowed here",
                    "This address does not accept that kind of request.");
            case 406 -> new ApiProblem(406, "not-acceptable", "Format not available",
                    "This address cannot answer in the format you asked for. Ask for application/json.");
            case 413 -> new ApiProblem(413, "too-large", "Too much to send at once",
                    "What you sent is too large. Shorten it and try again.");
            case 415 -> new ApiProblem(415, "unsupported-media-type", "Format not understood",
                    "Send the request as application/json.");
            default -> status >= 500
                    ? new ApiProblem(status, "server-error", "Something went wrong on our side",
                            "Nothing you saved is lost. Please try again in a minute.")
                    : new ApiProblem(status, "bad-request", "The request is not right",
                            "The request could not be understood. Check it and try again.");
        };
        return respond(problem, uri);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseUnavailable.causes(e)) {
            LOG.warnf("Database unavailable answering %s", uri.getRequestUri().getPath());
            return respond(new ApiProblem(503, "service-unavailable", "MySay is busy for a moment",
                    "Nothing you saved is lost. Please try again in a minute.").withRetryAfter(5), uri);
        }
        // The message may quote data; log the type and where, never the content.
        LOG.errorf("Unexpected %s answering %s", e.getClass().getName(), uri.getRequestUri().getPath());
        LOG.debug("Unexpected failure", e);
        return respond(new ApiProblem(500, "server-error", "Something went wrong on our side",
                "Nothing you saved is lost. Please try again in a minute."), uri);
    }

    private static ApiProblem jsonProblem(JsonProcessingException e) {
        if (e instanceof PlainText.ControlCharacter control) {
            return ApiProblem.invalid(control.getPath().isEmpty() ? "body" : path(control), PlainText.REASON);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ApiProblem.invalid(unknown.getPropertyName(), "is not a field this request accepts");
        }
        if (e instanceof InvalidFormatException format && !format.getPath().isEmpty()) {
            return ApiProblem.invalid(path(format), "has a value of the wrong kind or not one of the allowed values");
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return ApiProblem.invalid(path(mismatch), "has a value of the wrong kind");
        }
        return ApiProblem.badRequest("The request body is not valid JSON. Check it and try again.");
    }

    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String fieldName(ConstraintViolation<?> v) {
        // A path is "method.parameter.field.subfield": the caller knows the fields, not our method names.
        String[] parts = v.getPropertyPath().toString().split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }

    static Response respond(ApiProblem problem, UriInfo uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().toString());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (uri != null) {
            body.put("instance", uri.getRequestUri().getPath());
        }
        if (!problem.invalidParams().isEmpty()) {
            body.put("invalidParams", problem.invalidParams());
        }
        body.putAll(problem.extensions());
        String requestId = RequestIds.current();
        if (requestId != null) {
            // What a caller quotes when asking for help: it finds this request's log lines, and nothing else.
            body.put("requestId", requestId);
        }
        Response.ResponseBuilder builder = Response.status(problem.status()).type(PROBLEM_JSON).entity(body);
        if (problem.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (problem.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds());
        }
        return builder.build();
    }
}
