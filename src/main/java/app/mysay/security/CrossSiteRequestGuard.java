package app.mysay.security;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import app.mysay.common.ApiProblem;

/**
 * A second defence, behind SameSite=Strict cookies, against another site making a browser change something with
 * MySay's cookies. A request that changes something and carries a MySay cookie must show it comes from MySay's own
 * pages: the app's {@value #REQUEST_HEADER} header (another site cannot send a custom header without a CORS preflight,
 * which MySay never allows), or the browser's own word that it is same-origin ({@code Sec-Fetch-Site}, or an
 * {@code Origin} of MySay's public address; a beacon sends these but cannot set a header). A request with an
 * Authorization header is an API client's, not a browser's cookies: it is left alone.
 */
public class CrossSiteRequestGuard {

    public static final String REQUEST_HEADER = "X-MySay-Request";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final String publicOrigin;

    CrossSiteRequestGuard(@ConfigProperty(name = "mysay.public-url") URI publicUrl) {
        this.publicOrigin = originOf(publicUrl);
    }

    @ServerRequestFilter
    public void refuseCrossSite(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || !carriesCookie(request.getCookies())
                || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (request.getHeaderString(REQUEST_HEADER) != null
                || "same-origin".equals(request.getHeaderString("Sec-Fetch-Site"))
                || (origin != null && origin.equalsIgnoreCase(publicOrigin))) {
            return;
        }
        throw new ApiProblem(403, "csrf", "Not sent from MySay",
                "This request did not come from MySay's own pages, so nothing was changed. Open MySay and try again.");
    }

    private static boolean carriesCookie(Map<String, Cookie> cookies) {
        return cookies.containsKey(TokenVerification.SESSION_COOKIE) || cookies.containsKey(SessionCookies.DEVICE_COOKIE);
    }

    private static String originOf(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }
}
