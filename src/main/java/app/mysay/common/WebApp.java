package app.mysay.common;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.filters.Filters;
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

    static final String KEPT_FOR_A_YEAR = "public, max-age=31536000, immutable";

    void register(@Observes Router router) {
        router.route().order(ORDER).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::screen);
    }

    /**
     * The build's hashed files never change, so a browser keeps them for a year; a file that is not there (a script of
     * another build, mid-deploy) must not be kept at all, or the browser would go on without it once it is deployed.
     */
    void cacheRules(@Observes Filters filters) {
        filters.register(context -> {
            String path = context.normalizedPath();
            if (!under(path, apiRoot)) {
                boolean asset = path.startsWith("/assets/");
                context.addHeadersEndHandler(ignored -> {
                    int status = context.response().getStatusCode();
                    if (asset && status == 200) {
                        context.response().headers().set("Cache-Control", KEPT_FOR_A_YEAR);
                    } else if (status == 404) {
                        context.response().headers().set("Cache-Control", "no-store");
                    }
                });
            }
            context.next();
        }, 900);
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
