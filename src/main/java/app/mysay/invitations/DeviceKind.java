package app.mysay.invitations;

import java.util.List;
import java.util.Map;

/**
 * What kind of device an invitation was opened on, from its User-Agent: a browser family and a system family from
 * the short lists below ("Chrome on Android", "Safari on iPhone"), so that the social worker can tell a child's
 * devices apart. Never the version, the model or anything else the header carries: nothing that picks out one phone.
 */
final class DeviceKind {

    /** Looked for in this order: browsers built on Chrome name Chrome too, and everything names Safari. */
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("SamsungBrowser/", "Samsung Internet"),
            Map.entry("Edg", "Edge"), // Edg/, EdgA/, EdgiOS/
            Map.entry("OPR/", "Opera"),
            Map.entry("Firefox/", "Firefox"),
            Map.entry("FxiOS/", "Firefox"),
            Map.entry("CriOS/", "Chrome"),
            Map.entry("Chrome/", "Chrome"),
            Map.entry("Safari/", "Safari"));

    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("iPhone", "iPhone"),
            Map.entry("iPad", "iPad"),
            Map.entry("Android", "Android"),
            Map.entry("CrOS", "Chromebook"),
            Map.entry("Windows", "Windows"),
            Map.entry("Macintosh", "Mac"),
            Map.entry("Linux", "Linux"));

    /** Long enough for any real User-Agent; anything past it is not read. */
    private static final int READ_AT_MOST = 512;

    private DeviceKind() {
    }

    /** "Chrome on Android", "Android", "Firefox", or null when neither family is known. */
    static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String header = userAgent.length() > READ_AT_MOST ? userAgent.substring(0, READ_AT_MOST) : userAgent;
        String browser = first(BROWSERS, header);
        String system = first(SYSTEMS, header);
        if (browser != null && system != null) {
            return browser + " on " + system;
        }
        return browser != null ? browser : system;
    }

    private static String first(List<Map.Entry<String, String>> families, String header) {
        for (Map.Entry<String, String> family : families) {
            if (header.contains(family.getKey())) {
                return family.getValue();
            }
        }
        return null;
    }
}
