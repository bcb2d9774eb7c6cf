package app.mysay.common;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.mysay.observability.RequestIds;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.JsonObject;

/**
 * Request bodies stay small except where a voice note or a picture is uploaded. The server's own limit
 * ({@code quarkus.http.limits.max-body-size}) must let the largest upload through; this filter holds every other API
 * request to {@code mysay.http.max-body-size} by its Content-Length, before the body is read, and answers with a
 * problem+json 413 (as the uploads' own, per-kind limits do). A chunked body, without a length, is counted as it is
 * read ({@link Chunked}).
 */
@ApplicationScoped
public class BodyLimits {

    private static final Pattern UPLOADS = Pattern.compile(
            "/api/(child/conferences/[^/]+|conferences/[^/]+/children/[^/]+)/attachments/?");

    static final String TITLE = "Too much to send at once";
    static final String DETAIL = "What you sent is too large. Nothing you saved is lost.";

    private final long limit;
    private final long uploadLimit;

    BodyLimits(@ConfigProperty(name = "mysay.http.max-body-size") MemorySize limit,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize uploadLimit) {
        this.limit = limit.asLongValue();
        this.uploadLimit = uploadLimit.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String length = context.request().getHeader("Content-Length");
            String path = context.normalizedPath();
            if (length != null && path.startsWith("/api/")) {
                long allowed = UPLOADS.matcher(path).matches() ? uploadLimit : limit;
                long asked;
                try {
                    asked = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    asked = Long.MAX_VALUE;
                }
                if (asked > allowed) {
                    context.response().setStatusCode(413).putHeader("Content-Type", ProblemMapper.PROBLEM_JSON)
                            .putHeader("Connection", "close")
                            .end(new JsonObject().put("type", "https://mysay.example/problems/too-large")
                                    .put("title", TITLE).put("status", 413)
                                    .put("detail", DETAIL)
                                    .put("instance", path).put("requestId", RequestIds.current()).encode());
                    return;
                }
            }
            context.next();
        }, 900);
    }

    /**
     * A body sent in chunks has no Content-Length for the filter above to read: it is counted here, as it is read for
     * the request's JSON, and held to the same limit with the same 413. (Uploads, read as bytes, are held by their own
     * per-kind limits and the server's.)
     */
    @Provider
    public static class Chunked implements ReaderInterceptor {

        private final long limit;

        Chunked(@ConfigProperty(name = "mysay.http.max-body-size") MemorySize limit) {
            this.limit = limit.asLongValue();
        }

        @Override
        public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
            Class<?> type = context.getType();
            if (type == byte[].class || InputStream.class.isAssignableFrom(type)
                    || context.getHeaders().getFirst("Content-Length") != null) {
                return context.proceed();
            }
            byte[] body = context.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw new ApiProblem(413, "too-large", TITLE, DETAIL);
            }
            context.setInputStream(new ByteArrayInputStream(body));
            return context.proceed();
        }
    }
}
