package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import app.mysay.conferences.Conference;
import app.mysay.conferences.ConferenceService;
import app.mysay.conferences.ConferenceType;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 18, item 10: the social worker moves a conference to another day, time and place on its page, with the
 * keyboard; a place left empty is asked for; the page then shows the new time and the views-due date that followed.
 */
@QuarkusTest
class ConferenceMoveBrowserTest extends BrowserTest {

    @Inject
    ConferenceService conferences;

    @Test
    void theSocialWorkerMovesAConferenceOnItsPage() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER, "Sasha Mover " + Api.shortId());
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Ivy" + Api.shortId().substring(0, 4), null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        ZoneId london = ZoneId.of("Europe/London");
        LocalDate newDay = LocalDate.now(london).plusDays(40);
        LocalDate due = conferences.defaultViewsDue(ConferenceType.INITIAL,
                LocalDateTime.of(newDay, LocalTime.of(14, 30)).atZone(london).toInstant());

        try (BrowserContext context = desk()) {
            Page page = context.newPage();
            signIn(page, socialWorker);
            heading(page, "My children and families").waitFor();
            page.navigate("/staff/conferences/" + conference);
            button(page, "Move to another time").click();
            assertThat(page.locator("#move-heading")).isVisible();
            check(page, "move-form");

            page.locator("#move-date").fill(newDay.toString());
            page.locator("#move-time").fill("14:30");
            page.locator("#move-place").fill("");
            page.locator("#move-place").press("Enter");
            assertThat(page.locator(".error-summary")).containsText("Enter where the conference will be held");
            check(page, "move-place-missing");

            page.locator("#move-place").focus();
            page.keyboard().type("Town Hall, Room 4");
            page.keyboard().press("Enter");
            assertThat(page.locator(".notice")).containsText("The conference is moved to");
            assertThat(page.locator(".notice")).containsText("The chair and any advocates have been told");
            assertThat(page.locator(".facts")).containsText("Town Hall, Room 4");
            assertThat(page.locator(".facts")).containsText("14:30");
            check(page, "moved");
        }
        Conference moved = Api.inSession(() -> Conference.<Conference>findById(conference));
        assertEquals(LocalDateTime.of(newDay, LocalTime.of(14, 30)).atZone(london).toInstant(), moved.startsAt);
        assertEquals(due, moved.viewsDue);
        assertTrue(policyComplaints.isEmpty(), policyComplaints.toString());
    }
}
