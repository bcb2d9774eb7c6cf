package app.mysay.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * Whether the webhook export is on, where it goes and the secret it is signed with. Unset {@code mysay.webhook.url}
 * means off: no deliveries are written. A URL without a good secret, or (in production) a URL that is not https,
 * stops MySay at start, rather than export unsigned or in the clear.
 */
@Singleton
@Startup
public class WebhookSettings {

    static final int MIN_SECRET_BYTES = 32;
    private static final Logger LOG = Logger.getLogger(WebhookSettings.class);

    private final URI url;
    private final byte[] secret;

    @Inject
    WebhookSettings(@ConfigProperty(name = "mysay.webhook.url") Optional<String> url,
            @ConfigProperty(name = "mysay.webhook.secret") Optional<String> secret) {
        this(url, secret, LaunchMode.current() == LaunchMode.NORMAL);
    }

    WebhookSettings(Optional<String> url, Optional<String> secret, boolean production) {
        if (url.isEmpty() || url.get().isBlank()) {
            this.url = null;
            this.secret = null;
            return;
        }
        URI parsed;
        try {
            parsed = new URI(url.get().strip());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("mysay.webhook.url (MYSAY_WEBHOOK_URL) is not a valid URL", e);
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (parsed.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalStateException("mysay.webhook.url (MYSAY_WEBHOOK_URL) must be an absolute https URL");
        }
        if (production && !scheme.equals("https")) {
            throw new IllegalStateException("mysay.webhook.url (MYSAY_WEBHOOK_URL) must use https in production: "
                    + "the events name children's case references");
        }
        byte[] key = secret.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("Set mysay.webhook.secret (MYSAY_WEBHOOK_SECRET) to a shared secret of at "
                    + "least " + MIN_SECRET_BYTES + " bytes (e.g. openssl rand -hex 32) when mysay.webhook.url is set; "
                    + "see README.md.");
        }
        this.url = parsed;
        this.secret = key;
        // The host only: a URL may carry a token in its path or query.
        LOG.infof("Webhook export on, to %s", parsed.getHost());
    }

    public boolean enabled() {
        return url != null;
    }

    URI url() {
        return url;
    }

    byte[] secret() {
        return secret.clone();
    }
}
