package app.mysay.common;

import java.util.function.Supplier;

import org.hibernate.FlushMode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * For a service method that only reads (under {@code @WithSession}): the session's entities are loaded read-only and it
 * never flushes. Otherwise Hibernate dirty-checks every entity the session holds before each query (auto-flush), which
 * in the chair's list, loading a workspace's conferences, links, invitations and children before its later queries,
 * was a fifth of the request's CPU in the benchmark's profile.
 */
public final class ReadOnlySession {

    private ReadOnlySession() {
    }

    public static <T> Uni<T> reading(Supplier<Uni<T>> work) {
        return Panache.getSession().flatMap(session -> {
            session.setDefaultReadOnly(true);
            session.setFlushMode(FlushMode.MANUAL);
            return work.get();
        });
    }
}
