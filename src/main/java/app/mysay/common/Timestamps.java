package app.mysay.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time now, as PostgreSQL stores it (microseconds). An answer must carry a time exactly as it is stored and
 * read back later, so a retried request gets the same answer as the first.
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
