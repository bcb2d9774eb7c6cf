package app.mysay.invitations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The kind of device the social worker sees: a browser and a system family, nothing finer. */
class DeviceKindTest {

    @Test
    void aBrowserAndSystemFamilyFromRealUserAgents() {
        assertEquals("Chrome on Android", DeviceKind.of("Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36"));
        assertEquals("Safari on iPhone", DeviceKind.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) "
                + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1"));
        assertEquals("Chrome on iPad", DeviceKind.of("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1"));
        assertEquals("Samsung Internet on Android", DeviceKind.of("Mozilla/5.0 (Linux; Android 13; SM-S911B) "
                + "AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36"));
        assertEquals("Edge on Windows", DeviceKind.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67"));
        assertEquals("Firefox on Mac", DeviceKind.of("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) "
                + "Gecko/20100101 Firefox/125.0"));
        assertEquals("Chrome on Chromebook", DeviceKind.of("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"));
        assertEquals("Chrome on Linux", DeviceKind.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36"));
    }

    @Test
    void nothingWhenNeitherFamilyIsKnownAndOnlyTheKnownOneOtherwise() {
        assertNull(DeviceKind.of(null));
        assertNull(DeviceKind.of(" "));
        assertNull(DeviceKind.of("Apache-HttpClient/4.5.14 (Java/25)"));
        assertNull(DeviceKind.of("curl/8.5.0"));
        assertEquals("Android", DeviceKind.of("SomeApp/1.0 (Android 12)"));
        assertEquals("Firefox", DeviceKind.of("Firefox/125.0"));
        // Nothing past the first 512 characters is read.
        assertNull(DeviceKind.of("x".repeat(600) + " Chrome/124.0 (Windows)"));
    }
}
