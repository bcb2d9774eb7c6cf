package app.mysay.summary;

import static app.mysay.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;

/** The pack shows how safe a child has felt across their conferences, as far as the reader may see them. */
@QuarkusTest
class SafetyTrendTest {

    private static Map<String, Object> viewsWithSafety(int score, boolean shared) {
        Map<String, Object> views = new HashMap<>(Api.views("Good", "Worried", "Wish"));
        views.put("safety", Map.of("score", score, "parentsMaySee", shared));
        return views;
    }

    private static void send(ChildLogin child, UUID conference, Map<String, Object> views) {
        Api.send(as(child), "/api/child/conferences/" + conference + "/views/send", UUID.randomUUID().toString(), views)
                .then().statusCode(201);
    }

    private static void decide(Staff chair, UUID conference, UUID child) {
        Api.conferenceHasStarted(conference);
        as(chair).body(Map.of("nextReviewDate", LocalDate.now().plusMonths(3).toString(),
                "children", List.of(Map.of("childId", child, "planNeeded", true, "category", "NEGLECT"))))
                .put("/api/conferences/" + conference + "/decision").then().statusCode(200);
    }

    @Test
    void theChairSeesTheScaleAcrossTheConferencesTheyChairedInTheHtmlAndThePdf() throws IOException {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Kai", null, null);
        UUID initial = Api.conference(socialWorker, chair, List.of(child));
        ChildLogin kai = Api.childSignedIn(socialWorker, initial, child);
        send(kai, initial, viewsWithSafety(3, true));
        decide(chair, initial, child);
        UUID review = Api.conference(socialWorker, chair, List.of(child));
        send(kai, review, viewsWithSafety(7, true));

        String html = as(chair).accept("text/html").get("/api/conferences/" + review + "/summary")
                .then().statusCode(200).extract().asString();
        assertTrue(html.contains("How safe Kai has felt at each conference"), "the trend is shown");
        assertTrue(html.contains("3 out of 10"), "the earlier answer");
        assertTrue(html.contains("7 out of 10 (this conference)"), "this conference's answer, marked");
        assertTrue(html.indexOf("3 out of 10") < html.indexOf("7 out of 10 (this conference)"), "oldest first");
        assertTrue(html.contains("trend-bar w3") && html.contains("trend-bar w7"), "drawn as bars");
        java.nio.file.Path saved = java.nio.file.Paths.get("target", "screenshots", "safety-trend.html");
        java.nio.file.Files.createDirectories(saved.getParent());
        java.nio.file.Files.writeString(saved, html);

        byte[] pdf = as(chair).accept("application/pdf").get("/api/conferences/" + review + "/summary")
                .then().statusCode(200).extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertTrue(text.contains("How safe Kai has felt at each conference"), text);
            assertTrue(text.contains("7 out of 10 (this conference)"), text);
        }

        // The pack on screen reads the same scale from the pack's data.
        as(chair).accept("application/json").get("/api/conferences/" + review + "/summary").then().statusCode(200)
                .body("children[0].safetyTrend.score", org.hamcrest.Matchers.contains(3, 7))
                .body("children[0].safetyTrend.thisConference", org.hamcrest.Matchers.contains(false, true))
                .body("children[0].safetyTrend[1].conferenceId", org.hamcrest.Matchers.equalTo(review.toString()))
                .body("children[0].safetyTrend[0].startsAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anEarlierPrivateAnswerMakesTheWholeScalePrivateAndAnotherChairSeesOnlyTheirOwnConference() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff firstChair = Api.staff(Role.CHAIR);
        Staff secondChair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Lou", null, null);
        UUID initial = Api.conference(socialWorker, firstChair, List.of(child));
        ChildLogin lou = Api.childSignedIn(socialWorker, initial, child);
        send(lou, initial, viewsWithSafety(2, false));
        decide(firstChair, initial, child);
        UUID review = Api.conference(socialWorker, secondChair, List.of(child));
        send(lou, review, viewsWithSafety(8, true));

        // The second chair cannot see the first conference, so there is no trend for them, and no earlier answer.
        String second = as(secondChair).accept("text/html").get("/api/conferences/" + review + "/summary")
                .then().statusCode(200).extract().asString();
        assertFalse(second.contains("has felt at each conference"));
        assertFalse(second.contains("2 out of 10"));

        // The social worker sees both; the scale is marked private because the first answer was.
        String worker = as(socialWorker).accept("text/html").get("/api/conferences/" + review + "/summary")
                .then().statusCode(200).extract().asString();
        assertTrue(worker.contains("2 out of 10") && worker.contains("8 out of 10 (this conference)"));
        String safetyPart = worker.substring(worker.lastIndexOf("<div", worker.indexOf("How safe I feel")),
                worker.indexOf("How safe Lou has felt"));
        assertTrue(safetyPart.contains("Not for parents or carers"), safetyPart);
    }
}
