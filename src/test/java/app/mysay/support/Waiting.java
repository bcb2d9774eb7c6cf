package app.mysay.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Tests that wait: for something to happen by a deadline, or for many requests to start at the same moment. */
public final class Waiting {

    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private Waiting() {
    }

    /** Polls until the probe's answer is done, failing at the deadline with the last answer seen. */
    public static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what + "; last seen: " + value);
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /**
     * Waits for the next 15-minute window when less than a minute of this one is left, so that the tries a test counts
     * against a sign-in limit (fixed 15-minute windows) all fall in one window.
     */
    public static void awayFromASignInWindowsEdge() {
        long left = 15 * 60 - Instant.now().getEpochSecond() % (15 * 60);
        if (left < 60) {
            sleep(Duration.ofSeconds(left + 1));
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts n requests together (each waits at a gate until all are ready) and returns their answers in order. */
    public static <T> List<T> concurrently(int n, IntFunction<T> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> call = () -> {
                    ready.countDown();
                    go.await();
                    return request.apply(index);
                };
                futures.add(pool.submit(call));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            go.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
