package app.mysay.summary;

import static app.mysay.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditEvent;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import app.mysay.support.Media;
import app.mysay.support.Problems;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;

/** The conference pack: the chair's summary as a PDF for the papers and as JSON for the case-management system. */
@QuarkusTest
class ConferencePackTest {

    static final String ZOE_GOOD = "Zoë & Łukasz's café on Fridays, with \"proper\" chips <3";
    static final String ZOE_WORRIES = "Ŵyn's dog barks & I can't sleep. Ψ means I'm scared — 100%";
    static final String ZOE_WISHES = "Я хочу жить с бабушкой (I want to live with nan)";
    static final String SIBLING_GOOD = "Swimming with Oğuz & Ștefan at the leisure centre";
    static final String SIBLING_WORRIES = "Nobody listens when I say I'm hungry";

    static Staff socialWorker;
    static Staff chair;
    static Staff otherChair;
    static Staff manager;
    static Staff advocate;
    static UUID zoe;
    static UUID sibling;
    static UUID conference;
    static Map<String, Object> zoeViews;

    /** Built once, before the first test (the service is not yet listening when a static @BeforeAll runs). */
    @BeforeEach
    synchronized void aConferenceWithTwoChildrenWhoHaveSentTheirViews() {
        if (conference != null) {
            return;
        }
        socialWorker = Api.staff(Role.SOCIAL_WORKER);
        chair = Api.staff(Role.CHAIR);
        otherChair = Api.staff(Role.CHAIR);
        manager = Api.staff(Role.MANAGER);
        advocate = Api.staff(Role.ADVOCATE, "Ade Advocate");
        UUID family = Api.family(socialWorker);
        zoe = Api.child(socialWorker, "Zoë", family, advocate.id());
        sibling = Api.child(socialWorker, "Ruari", family, null);
        UUID conferenceId = Api.conference(socialWorker, chair, List.of(zoe, sibling));

        zoeViews = Api.views(ZOE_GOOD, ZOE_WORRIES, ZOE_WISHES);
        ChildLogin zoeLogin = Api.childSignedIn(socialWorker, conferenceId, zoe);
        Api.send(as(zoeLogin), "/api/child/conferences/" + conferenceId + "/views/send", UUID.randomUUID().toString(),
                zoeViews).then().statusCode(201).body("version", equalTo(1));
        ChildLogin siblingLogin = Api.childSignedIn(socialWorker, conferenceId, sibling);
        Api.send(as(siblingLogin), "/api/child/conferences/" + conferenceId + "/views/send", UUID.randomUUID().toString(),
                Api.views(SIBLING_GOOD, SIBLING_WORRIES, "To stay at my school")).then().statusCode(201);
        conference = conferenceId;
    }

    static String path() {
        return "/api/conferences/" + conference + "/summary";
    }

    @Test
    void theChairsPdfHasEveryChildsWordsVerbatim() throws IOException {
        long zoeReads = summaryReads(zoe);
        long siblingReads = summaryReads(sibling);

        Response response = as(chair).accept("application/pdf").get(path());
        response.then().statusCode(200)
                .header("Content-Type", startsWith("application/pdf"))
                .header("Content-Disposition", equalTo("attachment; filename=\"conference-views.pdf\""))
                .header("Cache-Control", equalTo("no-store"));
        byte[] pdf = response.asByteArray();
        // Kept for a person to look at, like the browser tests' screenshots.
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/conference-pack.pdf"), pdf);
        String text = pdfText(pdf);
        for (String words : List.of(ZOE_GOOD, ZOE_WORRIES, ZOE_WISHES, SIBLING_GOOD, SIBLING_WORRIES)) {
            assertTrue(text.contains(words), "the PDF has, verbatim: " + words + "\n--- PDF text:\n" + text);
        }
        assertTrue(text.contains("Zoë") && text.contains("Ruari"), "both children are named");
        assertTrue(text.contains("Not for parents or carers"), "private parts are marked");
        assertTrue(text.contains("6 out of 10"), "the safety scale");
        assertTrue(text.contains("Confidential: keep with the conference papers."), "the running footer");

        assertEquals(zoeReads + 1, summaryReads(zoe), "one SUMMARY_READ for Zoë");
        assertEquals(siblingReads + 1, summaryReads(sibling), "one SUMMARY_READ for her sibling");
        assertTrue(Api.inSession(() -> AuditEvent.<AuditEvent>list("childId = ?1 and action = ?2 order by id desc",
                zoe, AuditAction.SUMMARY_READ)).get(0).actorId.equals(chair.id()), "audited as the chair's read");
    }

    @Test
    void anAdvocatesPdfShowsOnlyTheirOwnChild() throws IOException {
        long siblingReads = summaryReads(sibling);
        long zoeReads = summaryReads(zoe);
        String text = pdfText(as(advocate).accept("application/pdf").get(path())
                .then().statusCode(200).extract().asByteArray());
        assertTrue(text.contains(ZOE_GOOD), "the advocate's own child's words");
        assertFalse(text.contains("Ruari"), "not the sibling's name");
        assertFalse(text.contains(SIBLING_GOOD) || text.contains(SIBLING_WORRIES), "not the sibling's words");
        assertEquals(zoeReads + 1, summaryReads(zoe));
        assertEquals(siblingReads, summaryReads(sibling), "nothing of the sibling was read");
    }

    @Test
    void anotherChairIsAnsweredNotFoundAndAManagerRefusedInEveryFormat() {
        long zoeReads = summaryReads(zoe);
        for (String accept : List.of("application/pdf", "application/json", "text/html", "*/*")) {
            // Another chair: as if the conference did not exist.
            Response response = as(otherChair).accept(accept).get(path());
            Problems.problem(response, 404, "not-found");
            assertFalse(response.asString().contains("Zoë"), "nothing is revealed");
            // A manager sees no child's data at all: refused by role (403), which reveals nothing about the conference.
            response = as(manager).accept(accept).get(path());
            Problems.problem(response, 403, "forbidden");
            assertFalse(response.asString().contains("Zoë"), "nothing is revealed");
        }
        Problems.problem(as(chair).accept("application/pdf").get("/api/conferences/" + UUID.randomUUID() + "/summary"),
                404, "not-found");
        assertEquals(zoeReads, summaryReads(zoe), "a refused read is not a read");
    }

    @Test
    void theJsonExportIsWhatWasSentWithTheAcknowledgementAndTheDecision() {
        long zoeReads = summaryReads(zoe);
        as(chair).get(path()).then().statusCode(200)
                .header("Content-Type", startsWith("application/json"))
                .header("Cache-Control", equalTo("no-store"))
                .body("conferenceId", equalTo(conference.toString()))
                .body("children", hasSize(2))
                .body("children.find { it.childId == '" + zoe + "' }.latest.version", equalTo(1))
                .body("children.find { it.childId == '" + zoe + "' }.chairRead", nullValue())
                .body("children.find { it.childId == '" + zoe + "' }.decision", nullValue());
        assertEquals(zoeReads + 1, summaryReads(zoe), "the export is a SUMMARY_READ too");

        as(chair).post("/api/conferences/" + conference + "/children/" + zoe + "/read").then().statusCode(200);
        Api.conferenceHasStarted(conference);
        String message = "Thank you Zoë. We read what you wrote about Łukasz's café.";
        as(chair).body(Map.of("nextReviewDate", LocalDate.now().plusMonths(3).toString(), "children", List.of(
                Map.of("childId", zoe, "planNeeded", true, "category", "NEGLECT", "messageForChild", message),
                Map.of("childId", sibling, "planNeeded", false))))
                .put("/api/conferences/" + conference + "/decision").then().statusCode(200);

        Response export = as(chair).accept("application/json").get(path());
        export.then().statusCode(200);
        String zoeRow = "children.find { it.childId == '" + zoe + "' }";
        Map<String, Object> content = export.jsonPath().getMap(zoeRow + ".latest.content");
        for (String part : List.of("goodThings", "worries", "wishes", "safety", "takingPart", "advocate", "questions")) {
            assertEquals(normalised(zoeViews.get(part)), normalised(content.get(part)), part + " exactly as sent");
        }
        export.then()
                .body(zoeRow + ".knownAs", equalTo("Zoë"))
                .body(zoeRow + ".latest.version", equalTo(1))
                .body(zoeRow + ".latest.sentAt", notNullValue())
                .body(zoeRow + ".latest.sentBy", equalTo("CHILD"))
                .body(zoeRow + ".latest.content.authorship.kind", equalTo("CHILD"))
                .body(zoeRow + ".chairRead.version", equalTo(1))
                .body(zoeRow + ".chairRead.readAt", notNullValue())
                .body(zoeRow + ".decision.planNeeded", equalTo(true))
                .body(zoeRow + ".decision.category", equalTo("NEGLECT"))
                .body(zoeRow + ".decision.messageForChild", equalTo(message))
                .body("status", equalTo("HELD"));

        // The advocate's export has their own child only.
        as(advocate).accept("application/json").get(path()).then().statusCode(200)
                .body("children", hasSize(1))
                .body("children[0].childId", equalTo(zoe.toString()))
                .body("children[0].latest.content.goodThings.text", equalTo(ZOE_GOOD));
    }

    @Test
    void arabicWordsPrintJoinedAndRightToLeftInThePdf() throws IOException {
        String good = "أحب كرة القدم مع أخي";
        String worries = "أخاف عندما يصرخ أبي في الليل";
        String wishes = "أريد أن أعيش مع جدتي";
        Staff arabicChair = Api.staff(Role.CHAIR);
        UUID layla = Api.child(socialWorker, "ليلى", Api.family(socialWorker), null);
        UUID arabicConference = Api.conference(socialWorker, arabicChair, List.of(layla));
        ChildLogin login = Api.childSignedIn(socialWorker, arabicConference, layla);
        Api.send(as(login), "/api/child/conferences/" + arabicConference + "/views/send", UUID.randomUUID().toString(),
                Api.views(good, worries, wishes)).then().statusCode(201);

        byte[] pdf = as(arabicChair).accept("application/pdf").get("/api/conferences/" + arabicConference + "/summary")
                .then().statusCode(200).extract().asByteArray();
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/conference-pack-arabic.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 110), "png",
                    Path.of("target/screenshots/conference-pack-arabic.png").toFile());
        }
        // Shaped Arabic comes back from the PDF as presentation forms; NFKC turns them back into plain letters.
        String text = Normalizer.normalize(pdfText(pdf), Normalizer.Form.NFKC);
        for (String words : List.of(good, worries, wishes, "ليلى")) {
            assertTrue(text.contains(words), "in the child's order: " + words + "\n--- PDF text:\n" + text);
        }
        assertTrue(text.contains("Good things: what is going well"), "the English around it is unchanged");
    }

    /**
     * The PDF for the papers carries everything the child gave: their emoji (not "#####"), their picture with their
     * words about it as its alternative text, and it is tagged for people using screen readers (PDF/UA): a structure
     * tree, marked as tagged, with a title and a language.
     */
    @Test
    void thePdfHasTheChildsEmojiAndPictureAndIsTaggedForAccessibility() throws IOException {
        String good = "Football with Sami \u26BD\uFE0F and my dog \uD83D\uDC36";
        String worries = "When they shout \uD83D\uDE22\uD83D\uDE21";
        Staff pictureChair = Api.staff(Role.CHAIR);
        UUID amira = Api.child(socialWorker, "Amira", Api.family(socialWorker), null);
        UUID pictureConference = Api.conference(socialWorker, pictureChair, List.of(amira));
        ChildLogin login = Api.childSignedIn(socialWorker, pictureConference, amira);
        Response upload = Media.upload(as(login), "/api/child/conferences/" + pictureConference + "/attachments",
                Media.png(120, 90), "image/png");
        upload.then().statusCode(201);
        Map<String, Object> views = new HashMap<>(Api.views(good, worries, "A dog"));
        views.put("wishes", Map.of("parentsMaySee", false, "picture", upload.path("id"), "pictureText",
                "Me and my dog \uD83D\uDC36 in the park"));
        Api.send(as(login), "/api/child/conferences/" + pictureConference + "/views/send", UUID.randomUUID().toString(),
                views).then().statusCode(201);

        byte[] pdf = as(pictureChair).accept("application/pdf")
                .get("/api/conferences/" + pictureConference + "/summary").then().statusCode(200).extract()
                .asByteArray();
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/conference-pack-picture.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 110), "png",
                    Path.of("target/screenshots/conference-pack-picture.png").toFile());
        }
        String text = pdfText(pdf);
        for (String words : List.of(good, worries, "Me and my dog \uD83D\uDC36 in the park")) {
            assertTrue(text.contains(words), "the emoji are kept: " + words + "\n--- PDF text:\n" + text);
        }
        assertFalse(text.contains("###"), "no glyph is replaced");

        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            assertNotNull(catalog.getStructureTreeRoot(), "a structure tree (tagged PDF)");
            assertNotNull(catalog.getMarkInfo(), "MarkInfo");
            assertTrue(catalog.getMarkInfo().isMarked(), "marked as tagged");
            assertEquals("en-GB", catalog.getLanguage(), "the document's language");
            assertNotNull(catalog.getMetadata(), "XMP metadata (PDF/UA identification and title)");
            assertTrue(document.getDocumentInformation().getTitle() != null
                    && document.getDocumentInformation().getTitle().startsWith("Children's views"), "a title");
            assertTrue(catalog.getViewerPreferences() != null && catalog.getViewerPreferences().displayDocTitle(),
                    "viewers show the title, not the file name");

            boolean image = false;
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    image |= page.getResources().getXObject(name) instanceof PDImageXObject;
                }
            }
            assertTrue(image, "the child's picture is in the PDF");
            assertTrue(altTexts(catalog.getStructureTreeRoot().getKids()).contains("Me and my dog \uD83D\uDC36 in the park"),
                    "the child's words about the picture are its alternative text");
        }
    }

    private static List<String> altTexts(List<Object> kids) {
        List<String> found = new java.util.ArrayList<>();
        for (Object kid : kids) {
            if (kid instanceof PDStructureElement element) {
                if (element.getAlternateDescription() != null) {
                    found.add(element.getAlternateDescription());
                }
                found.addAll(altTexts(element.getKids()));
            }
        }
        return found;
    }

    @Test
    void theHtmlPageIsUnchangedAndStillTheDefault() {
        as(chair).accept("text/html").get(path()).then().statusCode(200)
                .header("Content-Type", startsWith("text/html"))
                .header("Content-Security-Policy", containsString("style-src 'sha256-"))
                .body(containsString("Zoë &amp; Łukasz&#39;s café"));
        as(chair).accept("*/*").get(path()).then().statusCode(200).header("Content-Type", startsWith("text/html"));
        Problems.problem(as(chair).accept("image/png").get(path()), 406, "not-acceptable");
    }

    /** JSON numbers and maps compare alike whichever way they were built (a set of ways may come back re-ordered). */
    @SuppressWarnings("unchecked")
    private static Object normalised(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new HashMap<>();
            map.forEach((k, v) -> out.put((String) k, normalised(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ConferencePackTest::normalised).map(String::valueOf).sorted().toList();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value;
    }

    static String pdfText(byte[] pdf) throws IOException {
        assertTrue(pdf.length > 4 && new String(pdf, 0, 5).equals("%PDF-"), "a PDF");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // Lines break wherever the page is full: compare words, not line breaks.
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    static long summaryReads(UUID childId) {
        return Api.inSession(() -> AuditEvent.count("childId = ?1 and action = ?2", childId, AuditAction.SUMMARY_READ));
    }
}
