package app.mysay.observability;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a plain token (so a proxy's or a client's
 * id can be followed through), otherwise a new one, never anything a caller could use to put text into the logs. The
 * id is in the MDC for every log line of the request (Quarkus keeps the MDC in the request's duplicated Vert.x
 * context, so it follows the request across the database and worker threads), in the {@code X-Request-Id} answer
 * header, and in problem+json bodies ({@code requestId}).
 * <p>
 * It also writes one access line per request, at the end: method, the API's path template (so
 * {@code /api/legal-holds/{caseReference}}, never the reference itself), status and duration. Never the query string
 * (audit searches put case references there), headers, cookies or tokens. Other paths (the web app) are named by their
 * first segment only. The category {@value #ACCESS_CATEGORY} can be turned down like any other.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key, and the JSON log field under {@code mdc}. */
    public static final String MDC_KEY = "requestId";
    public static final String ACCESS_CATEGORY = "app.mysay.access";

    static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final String LOGGED = "mysay.access-logged";
    private static final String ASKED_PATH = "mysay.access-path";
    private static final String PATH_TEMPLATE = "mysay.access-template";
    private static final Logger ACCESS = Logger.getLogger(ACCESS_CATEGORY);

    private final String apiRoot;

    RequestIds(@ConfigProperty(name = "quarkus.rest.path") String apiRoot) {
        this.apiRoot = apiRoot.endsWith("/") ? apiRoot.substring(0, apiRoot.length() - 1) : apiRoot;
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            // WebApp's reroute to /index.html runs the filters again: the request keeps its first id.
            String id = context.get(MDC_KEY);
            if (id == null) {
                id = accepted(context.request().getHeader(HEADER));
                context.put(MDC_KEY, id);
                context.put(ASKED_PATH, context.normalizedPath());
                long started = System.nanoTime();
                context.addEndHandler(ignored -> accessLine(context, started));
            }
            String requestId = id;
            MDC.put(MDC_KEY, requestId);
            context.addHeadersEndHandler(ignored -> context.response().headers().set(HEADER, requestId));
            context.next();
        }, 2000);
    }

    /** The caller's id if it is a plain token of 8 to 64 characters, else a new random one. */
    static String accepted(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    /** The current request's id, or null outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id instanceof String s ? s : null;
    }

    private static void accessLine(RoutingContext context, long started) {
        if (context.get(LOGGED) != null) {
            return;
        }
        context.put(LOGGED, Boolean.TRUE);
        try {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            ACCESS.infof("%s %s %d %dms", context.request().method().name(), route(context),
                    context.response().getStatusCode(), millis);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /**
     * Notes the matched resource method's path template (public JAX-RS API: the resource's and the method's
     * {@code @Path}), first among the request filters so that a request another filter refuses is named too.
     */
    @ServerRequestFilter(priority = 1)
    public void noteTemplate(ResourceInfo resource, RoutingContext context) {
        if (resource == null || resource.getResourceClass() == null) {
            return;
        }
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        Path method = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(Path.class);
        context.put(PATH_TEMPLATE, apiRoot + joined(type) + joined(method));
    }

    private static String joined(Path path) {
        if (path == null || path.value().isEmpty() || path.value().equals("/")) {
            return "";
        }
        String value = path.value().endsWith("/") ? path.value().substring(0, path.value().length() - 1) : path.value();
        return value.startsWith("/") ? value : "/" + value;
    }

    /** The API's path template when the API answered; otherwise the first path segment only. */
    static String route(RoutingContext context) {
        String template = context.get(PATH_TEMPLATE);
        if (template != null) {
            return template;
        }
        // The address asked for, not /index.html where WebApp reroutes the app's pages.
        String path = context.get(ASKED_PATH);
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "/";
        }
        int next = path.indexOf('/', 1);
        String first = next < 0 ? path : path.substring(0, next);
        // Even the first segment is shown only when it is a plain word (the app's own addresses: /staff, /assets).
        String shown = first.matches("/[a-z][a-z.-]{0,30}") ? first : "/…";
        return next < 0 ? shown : shown + "/…";
    }
}
