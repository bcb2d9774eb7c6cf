package app.mysay.security;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.core.NewCookie;
import app.mysay.common.Timestamps;

/**
 * The two cookies MySay sets. Both are HttpOnly (no script can read them), Secure and SameSite=Strict
 * (never sent from another site). The device cookie is only sent to the child sign-in endpoints. A child's session
 * cookie lasts only while the browser is open; a member of staff's until the token expires.
 */
public final class SessionCookies {

    public static final String DEVICE_COOKIE = "mysay_device";
    public static final String DEVICE_PATH = "/api/child";
    private static final int DEVICE_MAX_AGE = 400 * 24 * 3600;

    private SessionCookies() {
    }

    public static NewCookie session(String token, Instant expiresAt) {
        long seconds = Math.max(0, Duration.between(Timestamps.now(), expiresAt).toSeconds());
        return cookie(TokenVerification.SESSION_COOKIE, token, "/", (int) seconds);
    }

    /**
     * A child's session: a session cookie (no Max-Age or Expires), so closing the browser ends it and a shared phone
     * opened again asks for the PIN. The token inside still expires on its own.
     */
    public static NewCookie childSession(String token) {
        return cookie(TokenVerification.SESSION_COOKIE, token, "/", NewCookie.DEFAULT_MAX_AGE);
    }

    public static NewCookie clearSession() {
        return cookie(TokenVerification.SESSION_COOKIE, "", "/", 0);
    }

    public static NewCookie device(String secret) {
        return cookie(DEVICE_COOKIE, secret, DEVICE_PATH, DEVICE_MAX_AGE);
    }

    private static NewCookie cookie(String name, String value, String path, int maxAge) {
        return new NewCookie.Builder(name)
                .value(value)
                .path(path)
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
