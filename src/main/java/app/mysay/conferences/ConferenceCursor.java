package app.mysay.conferences;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A place in a list of conferences, the last of a page: the next page starts after it. Travels as the opaque
 * {@code after} parameter of the next page's link, so that a client follows the link rather than building it.
 */
record ConferenceCursor(Instant startsAt, UUID id) {

    static ConferenceCursor at(Conference conference) {
        return new ConferenceCursor(conference.startsAt, conference.id);
    }

    String encoded() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((startsAt + "_" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The place a link's {@code after} names; empty for anything this service did not write. */
    static Optional<ConferenceCursor> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.US_ASCII);
            int split = plain.indexOf('_');
            if (split < 0) {
                return Optional.empty();
            }
            return Optional.of(new ConferenceCursor(Instant.parse(plain.substring(0, split)),
                    UUID.fromString(plain.substring(split + 1))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
