package app.mysay.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "mysay.jwt")
public interface TokenSettings {

    String issuer();

    String audience();

    /** How long one staff token lives; the browser refreshes it while the person is active. */
    Duration staffLifetime();

    Duration childLifetime();

    /** The longest a signed-in session can be kept alive by refreshing before signing in again. */
    Duration maxSession();
}
