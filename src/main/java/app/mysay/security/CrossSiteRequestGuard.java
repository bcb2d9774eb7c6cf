package app.mysay.security;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import app.mysay.common.ApiProblem;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * A second defence, behind SameSite=Strict cookies, against another site making a browser change something with
 * MySay's cookies. A request that changes something and carries a MySay cookie must show it comes from MySay's own
 * pages: the app's {@value #REQUEST_HEADER} header (another site cannot send a custom header without a CORS preflight,
 * which MySay never allows), or the browser's own word that it is same-origin ({@code Sec-Fetch-Site}, or an
 * {@code Origin} of MySay's public address; a beacon sends these but cannot set a header). A request signed in by a
 * valid Authorization: Bearer token is an API client's, not a browser's cookies: it is left alone; any other
 * Authorization header changes nothing.
 */
public class CrossSiteRequestGuard {

    public static final String REQUEST_HEADER = "X-MySay-Request";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final String publicOrigin;
    private final CurrentIdentityAssociation identities;

    CrossSiteRequestGuard(@ConfigProperty(name = "mysay.public-url") URI publicUrl,
            CurrentIdentityAssociation identities) {
        this.publicOrigin = originOf(publicUrl);
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> refuseCrossSite(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || !carriesCookie(request.getCookies())) {
            return Uni.createFrom().voidItem();
        }
        String origin = request.getHeaderString("Origin");
        if (request.getHeaderString(REQUEST_HEADER) != null
                || "same-origin".equals(request.getHeaderString("Sec-Fetch-Site"))
                || (origin != null && origin.equalsIgnoreCase(publicOrigin))) {
            return Uni.createFrom().voidItem();
        }
        String bearer = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (bearer == null) {
            return Uni.createFrom().failure(crossSite());
        }
        // An API client's bearer token, which a browser never sends by itself: let through only if that very token is
        // what signed this request in (one that does not verify, beside a cookie that does, proves nothing).
        return identities.getDeferredIdentity().onItemOrFailure().transformToUni((identity, failure) ->
                failure == null && identity != null && !identity.isAnonymous()
                        && identity.getPrincipal() instanceof JsonWebToken jwt && bearer.equals(jwt.getRawToken())
                                ? Uni.createFrom().voidItem()
                                : Uni.createFrom().failure(crossSite()));
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static ApiProblem crossSite() {
        return new ApiProblem(403, "csrf", "Not sent from MySay",
                "This request did not come from MySay's own pages, so nothing was changed. Open MySay and try again.");
    }

    private static boolean carriesCookie(Map<String, Cookie> cookies) {
        return cookies.containsKey(TokenVerification.SESSION_COOKIE) || cookies.containsKey(SessionCookies.DEVICE_COOKIE);
    }

    private static String originOf(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }
}
