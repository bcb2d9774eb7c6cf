package app.mysay.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;

/**
 * What browsers are told to enforce, on every answer the service gives: the API and its errors, the app's pages and
 * files (the web app's, served by Quarkus), the health checks, and whatever Vert.x answers itself. A route filter sees all of them;
 * the headers are added just before they are sent, so they are there whoever wrote the answer.
 */
@ApplicationScoped
public class BrowserProtections {

    /**
     * Everything off that MySay does not use. The microphone stays available to MySay itself only, for children's voice
     * notes (app.mysay.attachments; the browser still asks the child first).
     */
    static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), display-capture=(), geolocation=(), "
            + "gyroscope=(), hid=(), magnetometer=(), microphone=(self), midi=(), payment=(), serial=(), usb=()";
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";
    private static final String ASKED_PATH = "mysay.asked-path";

    private final String contentSecurityPolicy;
    private final String contentSecurityPolicyHeader;
    private final boolean strictTransportSecurity;

    BrowserProtections(@ConfigProperty(name = "mysay.http.content-security-policy") String contentSecurityPolicy,
            @ConfigProperty(name = "mysay.http.content-security-policy-report-only") boolean reportOnly,
            @ConfigProperty(name = "mysay.http.strict-transport-security") boolean strictTransportSecurity) {
        this.contentSecurityPolicy = contentSecurityPolicy;
        this.contentSecurityPolicyHeader = reportOnly ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy";
        this.strictTransportSecurity = strictTransportSecurity;
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            // The staff's addresses are answered by rerouting to /index.html (WebApp), which starts again without the
            // headers so far (so a path rule in application.properties cannot tell them from the child's app); the
            // address first asked for is kept in the context, which survives the reroute.
            String asked = context.get(ASKED_PATH);
            if (asked == null) {
                asked = context.normalizedPath();
                context.put(ASKED_PATH, asked);
            }
            boolean staffPage = asked.equals("/staff") || asked.startsWith("/staff/");
            context.addHeadersEndHandler(ignored -> addTo(context.response().headers(), staffPage));
            context.next();
        }, 1000);
    }

    void addTo(MultiMap headers, boolean staffPage) {
        if (staffPage) {
            // Staff pages are opened on shared office computers: nothing of them is kept.
            headers.set("Cache-Control", "no-store");
        }
        // An answer with its own, stricter policy (the printable conference pack) keeps it: two policies would both
        // apply, and this one would block the pack's hash-allowed style sheet.
        if (!headers.contains("Content-Security-Policy")) {
            headers.set(contentSecurityPolicyHeader, contentSecurityPolicy);
        }
        if (strictTransportSecurity) {
            headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Permissions-Policy", PERMISSIONS_POLICY);
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("X-Frame-Options", "DENY");
    }
}
