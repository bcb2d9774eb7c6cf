package app.mysay.attachments;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.common.ApiProblem;

/**
 * At most {@code mysay.attachments.decodes-at-once} pictures are decoded at a time on this instance: each needs up to
 * {@code picture-max-decoded-bytes} of heap while it is decoded, scaled and written again. An upload that finds every
 * place taken waits up to {@code decode-wait} on its worker thread, then is answered 503 {@code busy} with
 * Retry-After, which the app shows in plain words (nothing is stored, nothing the child saved is lost).
 */
@ApplicationScoped
class PictureDecodes {

    /** What a refused upload is told to wait before trying again. */
    static final long RETRY_AFTER_SECONDS = 5;

    private final Semaphore places;
    private final long waitNanos;

    PictureDecodes(AttachmentLimits limits) {
        this.places = new Semaphore(Math.max(1, limits.decodesAtOnce()), true);
        this.waitNanos = limits.decodeWait().toNanos();
    }

    /** Runs the decode when a place is free (blocking: call it on a worker thread), or refuses it with a 503. */
    <T> T run(Supplier<T> decode) {
        boolean got;
        try {
            got = places.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            throw new ApiProblem(503, "busy", "MySay is busy with other pictures",
                    "Wait a moment, then keep your picture again. Nothing you saved is lost.")
                    .withRetryAfter(RETRY_AFTER_SECONDS);
        }
        try {
            return decode.get();
        } finally {
            places.release();
        }
    }
}
