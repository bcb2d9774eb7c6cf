package app.mysay.views;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import app.mysay.security.Caller;
import app.mysay.security.Role;
import app.mysay.views.ViewsDtos.SendResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The metric {@code mysay.views.sent} (Prometheus: {@code mysay_views_sent_total}): one for each new version of the
 * views, counted after its transaction committed, never for a replayed sending. Tagged only by who wrote it
 * ({@code author}: child or advocate) and how ({@code authorship}: child, child_with_help, advocate_on_behalf).
 */
@ApplicationScoped
public class ViewsSentCounter {

    private static final Logger LOG = Logger.getLogger(ViewsSentCounter.class);

    private final MeterRegistry registry;
    // Registered up front, so that a dashboard sees zeros rather than no series before the first sending, and kept,
    // so that a sending does not build and look up its counter again.
    private final Map<Role, Map<AuthorshipKind, Counter>> counters = new EnumMap<>(Role.class);

    ViewsSentCounter(MeterRegistry registry) {
        this.registry = registry;
        for (Role author : new Role[] { Role.CHILD, Role.ADVOCATE }) {
            Map<AuthorshipKind, Counter> byKind = new EnumMap<>(AuthorshipKind.class);
            for (AuthorshipKind kind : AuthorshipKind.values()) {
                if (possible(author, kind)) {
                    byKind.put(kind, counter(author, kind));
                }
            }
            counters.put(author, byKind);
        }
    }

    /** Called with what the committed sending answered. */
    void committed(Caller author, SendResult result) {
        if (result.replayed()) {
            return;
        }
        Counter counter = counters.getOrDefault(author.role(), Map.of()).get(result.authorship());
        (counter != null ? counter : counter(author.role(), result.authorship())).increment();
        LOG.infof("Views sent: version %d, by %s (%s)", result.receipt().version(), tag(author.role()),
                tag(result.authorship()));
    }

    private Counter counter(Role author, AuthorshipKind kind) {
        return Counter.builder("mysay.views.sent")
                .description("New versions of children's views sent (replays not counted)")
                .tag("author", tag(author)).tag("authorship", tag(kind)).register(registry);
    }

    /** A child writes their own words (with help or not); an advocate writes with the child's help or for them. */
    private static boolean possible(Role author, AuthorshipKind kind) {
        return author == Role.CHILD ? kind != AuthorshipKind.ADVOCATE_ON_BEHALF : kind != AuthorshipKind.CHILD;
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
