package app.mysay.common;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The web app's screens are addresses of one page: any GET for an address that is not a file, outside the API, the
 * management paths and /assets, is answered with index.html. A missing file (a script of another build, during a
 * rolling deploy) is a 404, never the page: a service worker or browser that kept HTML as a script would blank the app.
 */
@ApplicationScoped
public class WebApp {

    /** After the static files (ROUTE_ORDER_DEFAULT) and the REST API (ROUTE_ORDER_AFTER_DEFAULT and a little). */
    static final int ORDER = RouteConstants.ROUTE_ORDER_AFTER_DEFAULT + 20_000;

    private final String apiRoot;
    private final String managementRoot;

    WebApp(@ConfigProperty(name = "quarkus.rest.path") String apiRoot,
            @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String managementRoot) {
        this.apiRoot = absolute(apiRoot);
        this.managementRoot = absolute(managementRoot);
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::screen);
    }

    private void screen(RoutingContext context) {
        if (isScreen(context.normalizedPath())) {
            context.reroute("/index.html");
        } else {
            context.next();
        }
    }

    boolean isScreen(String path) {
        if (path == null || path.equals("/") || path.equals("/index.html")) {
            return false;
        }
        if (under(path, apiRoot) || under(path, managementRoot) || under(path, "/assets")) {
            return false;
        }
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        return !lastSegment.contains(".");
    }

    private static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    /** Quarkus takes a relative root ("q", its default) as under "/". */
    private static String absolute(String path) {
        String absolute = path.startsWith("/") ? path : "/" + path;
        return absolute.endsWith("/") && absolute.length() > 1 ? absolute.substring(0, absolute.length() - 1) : absolute;
    }
}
