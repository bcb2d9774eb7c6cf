package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import app.mysay.views.Views;
import app.mysay.views.ViewsStatus;
import io.quarkus.test.junit.QuarkusTest;

/** The child sees the loop close: sent, read by the chair, changed and sent again, and the chair's message after. */
@QuarkusTest
class LoopClosesBrowserTest extends BrowserTest {

    @Test
    void theChildSeesTheirViewsReadChangesThemAndHearsBackAfterTheConference() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Gus", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        String message = "Thank you Gus. We read everything you wrote. You will stay with your mum, and your social worker will visit every week.";

        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/join#" + Api.invite(socialWorker, conference, child));
            button(page, "Start").click();
            page.locator("#pin").fill("2580");
            page.locator("#pin-again").fill("2580");
            button(page, "Continue").click();

            button(page, "Give my views").click();
            button(page, "Wishes").click();
            page.locator("#wishes").fill("I want to stay at my school.");
            button(page, "Save and continue").click();
            button(page, "Check and send").click();
            button(page, "Send my views").click();
            button(page, "Home").click();
            assertThat(page.getByText("The chair has not read them yet.")).isVisible();

            Api.as(chair).post("/api/conferences/" + conference + "/children/" + child + "/read").then().statusCode(200);
            page.reload();
            // Opening MySay again always asks for the PIN.
            page.locator("#pin").fill("2580");
            button(page, "Open MySay").click();
            assertThat(page.getByText("The chair read your views on")).isVisible();
            check(page, "home-read-by-chair");

            // Changing the views after sending makes a new version, which the chair has not read yet.
            button(page, "See or change my views").click();
            assertThat(page.locator("button.topic-button", new Page.LocatorOptions().setHasText("Wishes"))).containsText("Answered");
            button(page, "Wishes").click();
            assertThat(page.locator("#wishes")).hasValue("I want to stay at my school.");
            page.locator("#wishes").fill("I want to stay at my school and keep seeing my friends.");
            button(page, "Save and continue").click();
            button(page, "Check and send").click();
            button(page, "Send my views").click();
            button(page, "Home").click();
            assertThat(page.getByText("The chair read an earlier version")).isVisible();
            check(page, "home-newer-version");

            // After the conference the chair writes to the child.
            Api.conferenceHasStarted(conference);
            Api.as(chair).body(Map.of("nextReviewDate", LocalDate.now().plusMonths(3).toString(),
                    "children", List.of(Map.of("childId", child, "planNeeded", false, "messageForChild", message))))
                    .put("/api/conferences/" + conference + "/decision").then().statusCode(200);
            page.reload();
            // Opening MySay again always asks for the PIN.
            page.locator("#pin").fill("2580");
            button(page, "Open MySay").click();
            assertThat(page.getByText("A message from the chair")).isVisible();
            assertThat(page.getByText(message)).isVisible();
            assertThat(page.getByText("The meeting has happened.")).isVisible();
            check(page, "home-chair-message");
        }
        List<Views> sent = Api.inSession(() -> Views.<Views>list("childId = ?1 and status = ?2 order by version", child, ViewsStatus.SENT));
        assertEquals(2, sent.size());
        assertEquals("I want to stay at my school.", sent.get(0).wishes, "the first version is kept as it was");
    }
}
