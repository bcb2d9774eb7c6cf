package app.mysay.attachments;

import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.BehindTheAppsBack;
import app.mysay.support.Media;
import app.mysay.support.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;

/**
 * The upload checks: what an upload is, is decided by its bytes; sizes and pixel counts are limited (the pixels from
 * the header, before decoding); pictures come back without any metadata; attachments are bound to the version that
 * sends them; someone else's is a 404; every fetch is one audit event; unnamed uploads are cleaned up.
 */
@QuarkusTest
class AttachmentsTest {

    @Inject
    AttachmentCleanup cleanup;

    record Family(Staff socialWorker, Staff chair, Staff advocate, UUID conference, UUID jay, UUID mia,
            ChildLogin jayLogin, ChildLogin miaLogin) {

        String jayUploads() {
            return "/api/child/conferences/" + conference + "/attachments";
        }

        String staffUploads(UUID child) {
            return "/api/conferences/" + conference + "/children/" + child + "/attachments";
        }

        String childViews() {
            return "/api/child/conferences/" + conference + "/views";
        }
    }

    static Family family() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        Staff advocate = Api.staff(Role.ADVOCATE);
        UUID familyId = Api.family(socialWorker);
        UUID jay = Api.child(socialWorker, "Jay", familyId, advocate.id());
        UUID mia = Api.child(socialWorker, "Mia", familyId, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(jay, mia));
        return new Family(socialWorker, chair, advocate, conference, jay, mia,
                Api.childSignedIn(socialWorker, conference, jay), Api.childSignedIn(socialWorker, conference, mia));
    }

    static UUID uploaded(Response response) {
        response.then().statusCode(201);
        return UUID.fromString(response.path("id"));
    }

    static Response fetch(Api.ChildLogin child, String path) {
        return as(child).accept("*/*").get(path);
    }

    static Response fetch(Staff staff, String path) {
        return as(staff).accept("*/*").get(path);
    }

    // ---- what it is: decided by the bytes ----

    @Test
    void theTypeIsDecidedByTheBytesNeverByTheDeclaredContentType() {
        Family f = family();
        // Audio as browsers record it, whatever the upload claims to be.
        for (var audio : Map.of("audio/webm", Media.webm("x"), "audio/ogg", Media.ogg(), "audio/mp4", Media.mp4())
                .entrySet()) {
            Media.upload(as(f.jayLogin()), f.jayUploads(), audio.getValue(), "application/octet-stream")
                    .then().statusCode(201).body("kind", equalTo("VOICE")).body("mediaType", equalTo(audio.getKey()));
        }
        // A PNG that says it is audio is a picture; a JPEG that says it is a PNG is a JPEG.
        Media.upload(as(f.jayLogin()), f.jayUploads(), Media.png(40, 30), "audio/webm")
                .then().statusCode(201).body("kind", equalTo("PICTURE")).body("mediaType", equalTo("image/png"))
                .body("width", equalTo(40)).body("height", equalTo(30));
        Media.upload(as(f.jayLogin()), f.jayUploads(), Media.jpeg(40, 30), "image/png")
                .then().statusCode(201).body("mediaType", equalTo("image/jpeg"));

        // Anything else is refused, however it is labelled: a page with script, a GIF, an SVG, a program, a Matroska
        // video, plain text.
        Map<String, byte[]> refused = new HashMap<>();
        refused.put("html", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        refused.put("gif", "GIF89a\u0001\0\u0001\0\0\0\0;".getBytes(StandardCharsets.ISO_8859_1));
        refused.put("svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8));
        refused.put("exe", Media.concat("MZ\u0090\0".getBytes(StandardCharsets.ISO_8859_1), new byte[64]));
        byte[] matroska = Media.webm("x");
        System.arraycopy("matr".getBytes(StandardCharsets.US_ASCII), 0, matroska, 24, 4);
        refused.put("matroska", matroska);
        refused.put("text", "just some words, not a picture at all".getBytes(StandardCharsets.UTF_8));
        for (var file : refused.entrySet()) {
            for (String declared : List.of("image/png", "audio/webm")) {
                Problems.problem(Media.upload(as(f.jayLogin()), f.jayUploads(), file.getValue(), declared), 415,
                        "unsupported-attachment");
            }
        }
        Problems.problem(Media.upload(as(f.jayLogin()), f.jayUploads(), new byte[0], "audio/webm"), 400,
                "empty-upload");
        // A PNG signature and header with nothing readable after them.
        byte[] broken = Media.png(40, 30);
        java.util.Arrays.fill(broken, 41, broken.length - 12, (byte) 7);
        Problems.problem(Media.upload(as(f.jayLogin()), f.jayUploads(), broken, "image/png"), 415,
                "unreadable-picture");
        assertEquals(5, count("select count(*) from attachment where child_id = '" + f.jay() + "'"),
                "only what passed was stored");
    }

    @Test
    void sizesAndPixelCountsAreLimitedAndPixelsAreCheckedBeforeDecoding() {
        Family f = family();
        uploaded(Media.upload(as(f.jayLogin()), f.jayUploads(), Media.webm(4 * 1024 * 1024, "long"), "audio/webm"));
        Problems.problem(Media.upload(as(f.jayLogin()), f.jayUploads(), Media.webm(4 * 1024 * 1024 + 1, "long"),
                "audio/webm"), 413, "too-large");
        Problems.problem(Media.upload(as(f.jayLogin()), f.jayUploads(),
                Media.concat(Media.png(10, 10), new byte[5 * 1024 * 1024]), "image/png"), 413, "too-large");
        // Over what any upload may be: refused before the body is read, as problem+json too.
        Problems.problem(Media.upload(as(f.jayLogin()), f.jayUploads(), Media.webm(7 * 1024 * 1024, "huge"),
                "audio/webm"), 413, "too-large");

        // Decompression bombs: a small file whose header claims a huge picture is refused from the header.
        for (byte[] bomb : List.of(Media.pngClaiming(50_000, 50_000), Media.pngClaiming(4097, 10),
                Media.pngClaiming(4096, 4097), Media.jpegClaiming(60_000, 60_000))) {
            assertTrue(bomb.length < 2000, "a small file");
            Problems.problem(Media.upload(as(f.jayLogin()), f.jayUploads(), bomb, "image/png"), 422,
                    "picture-too-large");
        }
        // Other requests stay small: a draft of more than 256K is refused before it is read.
        Map<String, Object> views = Api.views("a".repeat(300 * 1024), "b", "c");
        Problems.problem(as(f.jayLogin()).body(views).put(f.childViews() + "/draft"), 413, "too-large");
        assertEquals(1, count("select count(*) from attachment where child_id = '" + f.jay() + "'"));
    }

    @Test
    void aPictureThatWouldTakeTooMuchMemoryToDecodeIsRefusedFromItsHeader() {
        Family f = family();
        // Inside the pixel limits, but 16 bits a sample with alpha: 4000 x 4000 x 4 x 2 bytes = 128 MB decoded (and a
        // 64 MB copy to draw it), from a file of about 124 KB. Four at once filled the heap.
        byte[] deep = Media.pngFlat(4000, 4000, 16, 6);
        assertTrue(deep.length < 200 * 1024, "small on disk: " + deep.length);
        Problems.problem(Media.upload(as(f.jayLogin()), f.jayUploads(), deep, "image/png"), 422, "picture-too-large")
                .body("detail", containsString("too big"));
        // A JPEG with 12-bit samples (two bytes each when decoded), inside the pixel limits too.
        Problems.problem(Media.upload(as(f.jayLogin()), f.jayUploads(), Media.jpegClaiming(4000, 3000, 12),
                "image/jpeg"), 422, "picture-too-large");
        assertEquals(0, count("select count(*) from attachment where child_id = '" + f.jay() + "'"));
        // Deep colour is fine at a size that fits.
        uploaded(Media.upload(as(f.jayLogin()), f.jayUploads(), Media.pngFlat(1000, 1000, 16, 6), "image/png"));
    }

    // ---- what it keeps: pixels only ----

    @Test
    void aPhotoComesBackWithoutItsLocationOrAnyOtherMetadata() throws IOException {
        Family f = family();
        String secret = "Secret-Place-" + Api.shortId();
        byte[] photo = Media.jpegWithLocation(300, 200, secret);
        assertTrue(Media.holds(photo, "Exif") && Media.holds(photo, secret) && Media.holds(photo, "GPSLatitude"));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(photo)), "the photo itself is a readable JPEG");

        UUID id = uploaded(Media.upload(as(f.jayLogin()), f.jayUploads(), photo, "image/jpeg"));
        byte[] back = fetch(f.jayLogin(), f.jayUploads() + "/" + id).then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        for (String gone : List.of("Exif", "GPS", secret, "xmpmeta", "adobe", "PhoneMaker", "Comment")) {
            assertFalse(Media.holds(back, gone), "the photo still holds " + gone);
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(back));
        assertEquals(300, image.getWidth());
        assertEquals(200, image.getHeight());

        // A PNG's text chunks go too, and so does anything appended after the image (a polyglot's second file).
        byte[] drawing = Media.concat(Media.pngWithText(64, 48, "Author", secret),
                "PK\u0003\u0004<script>alert(1)</script>".getBytes(StandardCharsets.ISO_8859_1));
        UUID drawingId = uploaded(Media.upload(as(f.jayLogin()), f.jayUploads(), drawing, "image/png"));
        byte[] drawn = fetch(f.jayLogin(), f.jayUploads() + "/" + drawingId).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        for (String gone : List.of("tEXt", "Author", secret, "PK", "script")) {
            assertFalse(Media.holds(drawn, gone), "the drawing still holds " + gone);
        }
        assertEquals(64, ImageIO.read(new ByteArrayInputStream(drawn)).getWidth());

        // Bigger than 2048 on a side: scaled down.
        UUID big = uploaded(Media.upload(as(f.jayLogin()), f.jayUploads(), Media.png(3000, 1500), "image/png"));
        byte[] scaled = fetch(f.jayLogin(), f.jayUploads() + "/" + big).then().statusCode(200).extract().asByteArray();
        BufferedImage s = ImageIO.read(new ByteArrayInputStream(scaled));
        assertEquals(2048, s.getWidth());
        assertEquals(1024, s.getHeight());
    }

    // ---- who: the views bind them; someone else's is a 404 ----

    @Test
    void boundToTheSentVersionSeenByWhoeverMayReadItAndNobodyElse() {
        Family f = family();
        Staff otherChair = Api.staff(Role.CHAIR);
        Staff otherSocialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff otherAdvocate = Api.staff(Role.ADVOCATE);
        Staff manager = Api.staff(Role.MANAGER);
        UUID cal = Api.child(otherSocialWorker, "Cal", null, otherAdvocate.id());
        UUID otherConference = Api.conference(otherSocialWorker, otherChair, List.of(cal));

        byte[] voiceBytes = Media.webm("jay's voice");
        UUID voice = uploaded(Media.upload(as(f.jayLogin()), f.jayUploads(), voiceBytes, "audio/webm"));
        UUID picture = uploaded(Media.upload(as(f.jayLogin()), f.jayUploads(), Media.png(80, 60), "image/png"));
        String voicePath = f.staffUploads(f.jay()) + "/" + voice;

        // The child hears their own, with safe headers.
        Response own = fetch(f.jayLogin(), f.jayUploads() + "/" + voice);
        own.then().statusCode(200).contentType("audio/webm").header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Content-Disposition", "attachment; filename=\"voice-note.webm\"");
        assertArrayEquals(voiceBytes, own.asByteArray(), "a voice note is kept exactly as recorded");

        // Not sent yet: nobody else hears it, not even the child's own staff.
        for (Staff staff : List.of(f.chair(), f.socialWorker(), f.advocate(), otherChair)) {
            Problems.problem(fetch(staff, voicePath), 404, "not-found");
        }
        Problems.problem(fetch(f.miaLogin(), f.jayUploads() + "/" + voice), 404, "not-found");

        // Views may name only the author's own (or sent) attachments of the right kind, in the three houses.
        Map<String, Object> miasViews = Api.views("Mia's good things", "w", "x");
        miasViews.put("goodThings", Map.of("text", "hers", "parentsMaySee", false, "voiceNote", voice));
        Problems.invalid(as(f.miaLogin()).body(miasViews).put(f.childViews() + "/draft"), "goodThings.voiceNote");
        Problems.invalid(Api.send(as(f.miaLogin()), f.childViews() + "/send", UUID.randomUUID().toString(), miasViews),
                "goodThings.voiceNote");
        Map<String, Object> wrongKind = Api.views("a", "b", "c");
        wrongKind.put("worries", Map.of("text", "b", "parentsMaySee", false, "picture", voice));
        wrongKind.put("questions", Map.of("text", "q", "parentsMaySee", false, "voiceNote", voice));
        Problems.invalid(as(f.jayLogin()).body(wrongKind).put(f.childViews() + "/draft"), "worries.picture",
                "questions.voiceNote");
        Map<String, Object> unknown = Api.views("a", "b", "c");
        unknown.put("wishes", Map.of("text", "c", "parentsMaySee", false, "picture", UUID.randomUUID()));
        Problems.invalid(as(f.jayLogin()).body(unknown).put(f.childViews() + "/draft"), "wishes.picture");

        // An upload kept and then recorded again: deleted (and gone); anyone else's is a 404 to delete.
        UUID again = uploaded(Media.upload(as(f.jayLogin()), f.jayUploads(), Media.webm("again"), "audio/webm"));
        Problems.problem(as(f.miaLogin()).delete(f.jayUploads() + "/" + again), 404, "not-found");
        as(f.jayLogin()).delete(f.jayUploads() + "/" + again).then().statusCode(204);
        Problems.problem(fetch(f.jayLogin(), f.jayUploads() + "/" + again), 404, "not-found");

        // Sent: a voice note with the good things and a picture with the wishes, with words about it.
        Map<String, Object> views = Api.views("Football", "Shouting", "A dog");
        views.put("goodThings", Map.of("text", "Football", "parentsMaySee", true, "voiceNote", voice));
        views.put("wishes", Map.of("parentsMaySee", false, "picture", picture, "pictureText", "Me and my dog"));
        Api.send(as(f.jayLogin()), f.childViews() + "/send", UUID.randomUUID().toString(), views)
                .then().statusCode(201);
        as(f.chair()).get("/api/conferences/" + f.conference() + "/children/" + f.jay() + "/views").then()
                .statusCode(200)
                .body("latest.content.goodThings.voiceNote", equalTo(voice.toString()))
                .body("latest.content.wishes.picture", equalTo(picture.toString()))
                .body("latest.content.wishes.pictureText", equalTo("Me and my dog"))
                .body("latest.content.wishes.text", nullValue())
                .body("latest.attachments", hasSize(2))
                .body("latest.attachments[0].kind", equalTo("VOICE"))
                .body("latest.attachments[1].mediaType", equalTo("image/png"));

        // Now whoever may read Jay's views hears it; each fetch is one audit event.
        long before = events("VOICE_NOTE_PLAYED", f.jay());
        for (Staff staff : List.of(f.chair(), f.chair(), f.socialWorker(), f.advocate())) {
            Response heard = fetch(staff, voicePath);
            heard.then().statusCode(200).contentType("audio/webm").header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff");
            assertArrayEquals(voiceBytes, heard.asByteArray());
        }
        assertEquals(before + 4, events("VOICE_NOTE_PLAYED", f.jay()));
        assertEquals(2, count("select count(*) from audit_event where action = 'VOICE_NOTE_PLAYED' and actor_id = '"
                + f.chair().id() + "' and child_id = '" + f.jay() + "' and detail = 'voice note " + voice + "'"));
        fetch(f.chair(), f.staffUploads(f.jay()) + "/" + picture).then().statusCode(200).contentType("image/png");
        assertEquals(1, events("PICTURE_VIEWED", f.jay()));

        // Nobody else: another chair, social worker or advocate, another conference, another child, a manager.
        for (Staff staff : List.of(otherChair, otherSocialWorker, otherAdvocate)) {
            Problems.problem(fetch(staff, voicePath), 404, "not-found");
        }
        Problems.problem(fetch(f.chair(), f.staffUploads(f.mia()) + "/" + voice), 404, "not-found");
        Problems.problem(fetch(otherChair, "/api/conferences/" + otherConference + "/children/" + f.jay()
                + "/attachments/" + voice), 404, "not-found");
        Problems.problem(fetch(manager, voicePath), 403, "forbidden");
        Problems.problem(fetch(f.jayLogin(), voicePath), 403, "forbidden");
        assertEquals(before + 4, events("VOICE_NOTE_PLAYED", f.jay()), "refused fetches are not plays");

        // Sent, it stays with its version.
        Problems.problem(as(f.jayLogin()).delete(f.jayUploads() + "/" + voice), 409, "conflict");
        fetch(f.jayLogin(), f.jayUploads() + "/" + voice).then().statusCode(200);

        // The printable page says so in words and shows neither; its data names them with where to fetch them.
        String page = as(f.chair()).accept("text/html").get("/api/conferences/" + f.conference() + "/summary")
                .then().statusCode(200).extract().asString();
        assertTrue(page.contains("There is a voice note with this part"), page);
        assertTrue(page.contains("There is a picture with this part"));
        assertTrue(page.contains("Me and my dog"));
        assertFalse(page.contains("<img"));
        as(f.chair()).accept("application/pdf").get("/api/conferences/" + f.conference() + "/summary")
                .then().statusCode(200);
        // The PDF prints the picture: that is a view of it, audited like any other.
        assertEquals(2, events("PICTURE_VIEWED", f.jay()), "the picture printed in the PDF is audited");
        as(f.chair()).accept("application/json").get("/api/conferences/" + f.conference() + "/summary").then()
                .statusCode(200)
                .body("children.find { it.knownAs == 'Jay' }.latest.attachments.href",
                        equalTo(List.of(voicePath, f.staffUploads(f.jay()) + "/" + picture)));
    }

    @Test
    void anAdvocateAddsThemForTheChildAndTheChildSeesThemOnceSent() {
        Family f = family();
        String uploads = f.staffUploads(f.jay());
        UUID drawing = uploaded(Media.upload(as(f.advocate()), uploads, Media.png(50, 50), "image/png"));
        // Not for the sibling the advocate is not allocated to, nor for other staff.
        Problems.problem(Media.upload(as(f.advocate()), f.staffUploads(f.mia()), Media.png(5, 5), "image/png"), 404,
                "not-found");
        Problems.problem(Media.upload(as(f.chair()), uploads, Media.png(5, 5), "image/png"), 403, "forbidden");
        Problems.problem(fetch(f.jayLogin(), f.jayUploads() + "/" + drawing), 404, "not-found");

        Map<String, Object> views = Api.views("Typed good", "Typed worry", "Typed wish");
        views.put("worries", Map.of("text", "Typed worry", "parentsMaySee", false, "picture", drawing,
                "pictureText", "The stairs at night"));
        views.put("authorship", Map.of("kind", "CHILD_WITH_HELP", "readBackAgreed", true));
        Api.send(as(f.advocate()), "/api/conferences/" + f.conference() + "/children/" + f.jay() + "/views/send",
                UUID.randomUUID().toString(), views).then().statusCode(201);
        fetch(f.jayLogin(), f.jayUploads() + "/" + drawing).then().statusCode(200).contentType("image/png");
        fetch(f.chair(), uploads + "/" + drawing).then().statusCode(200);
        // The child may send it again in their own next version (it is theirs to see now), but not delete it.
        as(f.jayLogin()).get(f.childViews()).then().statusCode(200)
                .body("latestSent.content.worries.picture", equalTo(drawing.toString()))
                .body("latestSent.attachments[0].kind", equalTo("PICTURE"));
        Map<String, Object> mine = Api.views("Mine", "Mine too", "Mine three");
        mine.put("worries", Map.of("text", "Mine too", "parentsMaySee", false, "picture", drawing));
        Api.send(as(f.jayLogin()), f.childViews() + "/send", UUID.randomUUID().toString(), mine).then().statusCode(201);
        Problems.problem(as(f.jayLogin()).delete(f.jayUploads() + "/" + drawing), 409, "conflict");
    }

    @Test
    void unnamedUploadsAreCleanedUpNamedOnesStay() {
        Family f = family();
        UUID unnamed = uploaded(Media.upload(as(f.jayLogin()), f.jayUploads(), Media.webm("left"), "audio/webm"));
        UUID inDraft = uploaded(Media.upload(as(f.jayLogin()), f.jayUploads(), Media.webm("draft"), "audio/webm"));
        UUID recent = uploaded(Media.upload(as(f.jayLogin()), f.jayUploads(), Media.webm("new"), "audio/webm"));
        UUID sent = uploaded(Media.upload(as(f.miaLogin()), f.jayUploads(), Media.png(9, 9), "image/png"));
        Map<String, Object> draft = Api.views("a", "b", "c");
        draft.put("goodThings", Map.of("text", "a", "parentsMaySee", false, "voiceNote", inDraft));
        as(f.jayLogin()).body(draft).put(f.childViews() + "/draft").then().statusCode(200);
        Map<String, Object> miasViews = Api.views("a", "b", "c");
        miasViews.put("wishes", Map.of("text", "c", "parentsMaySee", false, "picture", sent));
        Api.send(as(f.miaLogin()), f.childViews() + "/send", UUID.randomUUID().toString(), miasViews)
                .then().statusCode(201);
        // Time passes (attachments never change, so only with the triggers off).
        BehindTheAppsBack.run("update attachment set created_at = now() - interval '8 days' where id in (:ids)",
                Map.of("ids", List.of(unnamed, inDraft, sent)));

        int cleaned = clean();
        assertTrue(cleaned >= 1);
        assertEquals(0, count("select count(*) from attachment where id = '" + unnamed + "'"));
        for (UUID kept : List.of(inDraft, recent, sent)) {
            assertEquals(1, count("select count(*) from attachment where id = '" + kept + "'"), kept.toString());
        }
        // Taken out of the draft, and old: it goes at the next run.
        draft.put("goodThings", Map.of("text", "a", "parentsMaySee", false));
        as(f.jayLogin()).body(draft).put(f.childViews() + "/draft").then().statusCode(200);
        clean();
        assertEquals(0, count("select count(*) from attachment where id = '" + inDraft + "'"));
        assertEquals(1, count("select count(*) from attachment where id = '" + sent + "'"));
        as(f.jayLogin()).get(f.childViews()).then().statusCode(200)
                .body("draft.goodThings.voiceNote", nullValue())
                .body(not(containsString(unnamed.toString())));
    }

    private int clean() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> cleanup.cleanUp());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static long events(String action, UUID child) {
        return count("select count(*) from audit_event where action = '" + action + "' and child_id = '" + child + "'");
    }

    static long count(String sql) {
        return Api.inSession(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery(sql, Long.class).getSingleResult()));
    }
}
