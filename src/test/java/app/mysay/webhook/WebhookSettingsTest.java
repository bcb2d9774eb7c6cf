package app.mysay.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** When the webhook export may run, and the clear refusals to start when it is configured badly. */
class WebhookSettingsTest {

    static final Optional<String> GOOD_SECRET = Optional.of("0123456789abcdef0123456789abcdef");

    @Test
    void noUrlMeansOffWhateverTheSecret() {
        assertFalse(new WebhookSettings(Optional.empty(), Optional.empty(), true).enabled());
        assertFalse(new WebhookSettings(Optional.of("  "), Optional.of("short"), true).enabled());
    }

    @Test
    void aUrlNeedsASecretOfAtLeast32Bytes() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> new WebhookSettings(Optional.of("https://cms.example/hooks/mysay"), Optional.empty(), true));
        assertTrue(missing.getMessage().contains("mysay.webhook.secret"), missing.getMessage());
        assertTrue(missing.getMessage().contains("MYSAY_WEBHOOK_SECRET"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> new WebhookSettings(
                Optional.of("https://cms.example/hooks/mysay"), Optional.of("0123456789abcdef0123456789abcde"), true));
        assertTrue(new WebhookSettings(Optional.of("https://cms.example/hooks/mysay"), GOOD_SECRET, true).enabled());
    }

    @Test
    void productionTakesOnlyHttps() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new WebhookSettings(Optional.of("http://cms.example/hooks/mysay"), GOOD_SECRET, true));
        assertTrue(e.getMessage().contains("https"), e.getMessage());
        WebhookSettings dev = new WebhookSettings(Optional.of("http://127.0.0.1:9999/hook"), GOOD_SECRET, false);
        assertTrue(dev.enabled());
        assertEquals("127.0.0.1", dev.url().getHost());
    }

    @Test
    void somethingThatIsNotAnHttpUrlIsRefused() {
        for (String url : new String[] { "cms.example/hooks", "ftp://cms.example/x", "https://", "not a url" }) {
            assertThrows(IllegalStateException.class, () -> new WebhookSettings(Optional.of(url), GOOD_SECRET, false),
                    url);
        }
    }

    @Test
    void theSignatureIsHmacSha256OfTheTimeAndTheBody() {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes();
        String header = WebhookSignature.header(secret, 1700000000L, "{\"id\":\"x\"}".getBytes());
        // Computed independently: printf '1700000000.{"id":"x"}' | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef
        assertEquals("t=1700000000,v1=1d3a1a80c8ad0d56d3cc81d488b5779dbdd6367281fd813d1d9b8d7a5cd0204b", header);
    }
}
