package app.mysay.common;

import java.util.Collection;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * Runs one reactive step per item, one after the other. A Hibernate Reactive session must never run two
 * operations at once, so fan-out inside a transaction goes through here rather than Uni.join().
 */
public final class Sequentially {

    private Sequentially() {
    }

    public static <T> Uni<Void> forEach(Collection<T> items, Function<T, Uni<?>> step) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.call(() -> step.apply(item));
        }
        return chain;
    }
}
