package app.mysay.attachments;

import static app.mysay.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.mysay.attachments.AttachmentsTest.Family;
import app.mysay.support.Media;
import app.mysay.support.Problems;
import app.mysay.support.Waiting;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Many uploads at once, with low limits: one picture decoded at a time (an upload waits 50 ms for its turn, then is
 * told to come back), and 6 uploads per child per hour.
 */
@QuarkusTest
@TestProfile(UploadLoadTest.LowLimits.class)
class UploadLoadTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mysay.attachments.decodes-at-once", "1",
                    "mysay.attachments.decode-wait", "PT0.05S",
                    "mysay.attachments.uploads-per-hour", "6");
        }
    }

    @Test
    void picturesAreDecodedOneAtATimeAndTheOthersAreToldWhenToComeBack() throws Exception {
        Family f = AttachmentsTest.family();
        // 4096 x 4096 at 8 bits with alpha: within every limit, 64 MB to decode, and slow to decode and scale.
        byte[] big = Media.pngFlat(4096, 4096, 8, 6);
        List<Response> answers = Waiting.concurrently(6,
                i -> Media.upload(as(f.jayLogin()), f.jayUploads(), big, "image/png"));
        long kept = answers.stream().filter(r -> r.statusCode() == 201).count();
        long busy = answers.stream().filter(r -> r.statusCode() == 503).count();
        assertEquals(6, kept + busy, "every answer a 201 or a 503: "
                + answers.stream().map(Response::statusCode).toList());
        assertTrue(kept >= 1, "one was decoded");
        assertTrue(busy >= 1, "the others were told to come back, not decoded at once: "
                + answers.stream().map(Response::statusCode).toList());
        for (Response r : answers) {
            if (r.statusCode() == 503) {
                Problems.problem(r, 503, "busy");
                long seconds = Long.parseLong(r.header("Retry-After"));
                assertTrue(seconds >= 1 && seconds <= 60, "Retry-After " + seconds);
            }
        }
        assertEquals(kept, AttachmentsTest.count("select count(*) from attachment where child_id = '" + f.jay() + "'"),
                "only the decoded ones were stored");

        // A picture that cannot be read gives its place back: the next one is decoded.
        byte[] broken = Media.png(40, 30);
        java.util.Arrays.fill(broken, 41, broken.length - 12, (byte) 7);
        Problems.problem(Media.upload(as(f.miaLogin()), f.jayUploads(), broken, "image/png"), 415,
                "unreadable-picture");
        AttachmentsTest.uploaded(Media.upload(as(f.miaLogin()), f.jayUploads(), Media.png(40, 30), "image/png"));
    }

    @Test
    void aChildCanAddOnlySoManyInAnHourWhoeverUploadsThem() {
        awayFromAnHoursEdge();
        Family f = AttachmentsTest.family();
        for (int i = 0; i < 4; i++) {
            AttachmentsTest.uploaded(Media.upload(as(f.jayLogin()), f.jayUploads(), Media.webm("note " + i),
                    "audio/webm"));
        }
        // Refused uploads count too, and so do the advocate's for the child.
        Problems.problem(Media.upload(as(f.jayLogin()), f.jayUploads(), "not a picture at all, just words".getBytes(),
                "image/png"), 415, "unsupported-attachment");
        AttachmentsTest.uploaded(Media.upload(as(f.advocate()), f.staffUploads(f.jay()), Media.png(40, 30),
                "image/png"));

        // The seventh in the hour: refused before anything is checked or decoded, until the hour ends.
        for (Response refused : List.of(
                Media.upload(as(f.jayLogin()), f.jayUploads(), Media.png(40, 30), "image/png"),
                Media.upload(as(f.advocate()), f.staffUploads(f.jay()), Media.webm("one more"), "audio/webm"))) {
            Problems.problem(refused, 429, "too-many-uploads");
            String retryAfter = refused.header("Retry-After");
            assertNotNull(retryAfter, "429 without Retry-After");
            long seconds = Long.parseLong(retryAfter);
            assertTrue(seconds >= 1 && seconds <= 3600, "Retry-After " + seconds);
        }
        assertEquals(5, AttachmentsTest.count("select count(*) from attachment where child_id = '" + f.jay() + "'"));

        // Another child's uploads are their own.
        AttachmentsTest.uploaded(Media.upload(as(f.miaLogin()), f.jayUploads(), Media.webm("mia"), "audio/webm"));
    }

    /** The limit is per clock hour: a test that counts waits for the next hour when less than a minute is left. */
    private static void awayFromAnHoursEdge() {
        long left = 3600 - Instant.now().getEpochSecond() % 3600;
        if (left < 60) {
            Waiting.sleep(Duration.ofSeconds(left + 1));
        }
    }
}
