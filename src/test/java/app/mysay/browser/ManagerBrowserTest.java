package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

import app.mysay.audit.AuditEvent;
import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import app.mysay.support.PastConferences;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A manager on a laptop: the participation figures for 2022 (no other test uses that year), then the audit trail of
 * one child by case reference, older events, and the CSV download. No child's name or words may appear anywhere.
 */
@QuarkusTest
class ManagerBrowserTest extends BrowserTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void aManagerSeesFiguresAndTheAuditTrailButNeverAChildsNameOrWords() throws IOException {
        String tag = Api.shortId();
        Staff manager = Api.staff(Role.MANAGER, "Morgan Manager");
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER, "Sam Social Worker");
        Staff chair = Api.staff(Role.CHAIR, "Chris Chair " + tag);
        Staff advocate = Api.staff(Role.ADVOCATE);
        String nia = "Nia" + tag;
        String ollie = "Ollie" + tag;
        String reference = "MGR-" + tag.toUpperCase();
        String niaWords = "I want to live with my gran " + tag;
        String ollieWords = "My advocate says I like drawing " + tag;
        UUID niaId = PastConferences.child(socialWorker, nia, reference, null, "AGE_12_TO_15", null);
        UUID ollieId = PastConferences.child(socialWorker, ollie, "MGR-O-" + tag, null, "UNDER_5", advocate.id());
        UUID conference = Api.conference(socialWorker, chair, List.of(niaId, ollieId));
        PastConferences.childSends(Api.childSignedIn(socialWorker, conference, niaId), conference,
                PastConferences.views(niaWords, List.of("COME_TO_PART", "JOIN_BY_VIDEO"), "WANT_ONE", Map.of("kind", "CHILD")));
        PastConferences.advocateSends(advocate, conference, ollieId, PastConferences.views(ollieWords, null, null,
                Map.of("kind", "ADVOCATE_ON_BEHALF", "readBackAgreed", true)));
        // Enough reads of Nia's views that her trail has more than one page.
        for (int i = 0; i < 50; i++) {
            Api.as(chair).get("/api/conferences/" + conference + "/children/" + niaId + "/views").then().statusCode(200);
        }
        PastConferences.chairReads(chair, conference, niaId);
        PastConferences.decided(chair, conference, Map.of(niaId, "Thank you " + nia + ", we listened."), List.of(niaId, ollieId));
        PastConferences.chairReadHoursAfterSending(conference, niaId, 30);
        PastConferences.startedAt(conference, LocalDateTime.of(2022, 5, 10, 10, 0).atZone(LONDON).toInstant());
        List<String> secrets = List.of(nia, ollie, niaWords, ollieWords, "we listened");

        try (BrowserContext context = laptop()) {
            Page page = context.newPage();
            page.navigate("/staff");
            assertThat(heading(page, "Sign in")).isVisible();
            page.locator("#email").fill(manager.email());
            page.locator("#password").fill(Api.PASSWORD);
            button(page, "Sign in").click();

            assertThat(heading(page, "Participation figures")).isVisible();
            assertThat(page.locator(".figures-range-shown")).containsText("From 1 ");
            check(page, "figures-last-12-months");

            page.locator("#from").fill("2022-12-31");
            page.locator("#to").fill("2022-01-01");
            button(page, "Show figures").click();
            assertThat(page.locator(".error-summary")).containsText("The first day must be on or before the last day");
            check(page, "figures-dates-wrong-way-round");

            page.locator("#from").fill("2022-01-01");
            page.locator("#to").fill("2022-12-31");
            button(page, "Show figures").click();
            assertThat(page.locator(".figures-range-shown")).hasText("From 1 January 2022 to 31 December 2022.");
            assertThat(page.locator(".error-summary")).hasCount(0);
            Locator headline = page.locator(".headline-figures");
            assertThat(headline.locator("div").nth(0).locator("dd")).hasText("1");
            assertThat(headline.locator("div").nth(1).locator("dd")).hasText("2");
            assertThat(headline.locator("div").nth(2).locator("dd")).hasText("2 (100%)");
            assertThat(page.locator(".bar-chart li", new Page.LocatorOptions().setHasText("By an advocate on their behalf")))
                    .containsText("1 (50%)");
            assertThat(page.locator(".bar-chart li", new Page.LocatorOptions().setHasText("Got a message")))
                    .containsText("1 (50%)");
            assertThat(page.getByText("30 hours").first()).isVisible();
            page.locator("summary", new Page.LocatorOptions().setHasText("Show as a table")).first().click();
            assertThat(page.locator("details[open] table")).containsText("12 to 15");
            assertNoChildsWords(page, secrets, reference);
            check(page, "figures-2022");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Audit trail")).click();
            assertThat(heading(page, "Audit trail")).isVisible();
            assertThat(page.locator(".audit-table")).isVisible();
            check(page, "audit-trail");

            page.locator("#childReference").fill(reference.toLowerCase());
            search(page).click();
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("newest first")))
                    .hasText("50 events for case reference " + reference.toLowerCase() + ", newest first. There are older ones.");
            Locator rows = page.locator(".audit-table tbody tr");
            assertEquals(50, rows.count());
            for (String cell : rows.locator("td[data-label=Child]").allInnerTexts()) {
                assertEquals(reference, cell.strip(), "every event is Nia's, by her reference");
            }
            assertNoChildsWords(page, secrets, null);
            check(page, "audit-by-reference");

            button(page, "Older events").click();
            assertThat(button(page, "Older events")).hasCount(0);
            long niaEvents = Api.inSession(() -> AuditEvent.count("childId", niaId));
            // Both searches are on Nia's trail too, each recorded after it was answered.
            assertThat(rows).hasCount((int) niaEvents - 2);
            assertThat(page.locator(".audit-table tbody tr:focus")).hasCount(1);
            check(page, "audit-older-events");

            Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("Download as CSV")).click());
            assertTrue(download.suggestedFilename().matches("mysay-audit-\\d{4}-\\d{2}-\\d{2}\\.csv"),
                    download.suggestedFilename());
            String csv = new String(Files.readAllBytes(download.path()), StandardCharsets.UTF_8);
            assertTrue(csv.startsWith("\uFEFFid,at,actorName,actorRole,action,childReference,conferenceId,detail\r\n"), csv);
            List<String> lines = List.of(csv.substring(1).split("\r\n"));
            long nowOnTrail = Api.inSession(() -> AuditEvent.count("childId", niaId));
            assertEquals(nowOnTrail, lines.size(), "a header and every event on Nia's trail but the download itself");
            assertTrue(lines.stream().skip(1).allMatch(line -> line.contains("," + reference + ",")), "all Nia's");
            assertEquals(50, lines.stream().filter(line -> line.contains(",Chris Chair " + tag + ",CHAIR,VIEWS_READ,")).count(),
                    "the chair's reads, by name");
            for (String secret : secrets) {
                assertFalse(csv.contains(secret), "the CSV has " + secret);
            }

            page.locator("#childReference").fill("");
            page.locator("#personId").selectOption(new SelectOption().setLabel("Chris Chair " + tag + " (Chair)"));
            page.locator("#action").selectOption(new SelectOption().setLabel("Recorded the decision"));
            search(page).click();
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("newest first")))
                    .hasText("2 events by Chris Chair " + tag + ", of the kind “Recorded the decision”, newest first.");
            assertThat(rows).hasCount(2);
            assertThat(rows.first()).containsText("Chris Chair " + tag);
            assertThat(rows.first()).containsText("Recorded the decision");
            assertNoChildsWords(page, secrets, null);
            check(page, "audit-by-person-and-action");
        }
    }

    private static Locator search(Page page) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search").setExact(true));
    }

    /** A manager works on a laptop. */
    BrowserContext laptop() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900)
                .setDeviceScaleFactor(1)
                .setLocale("en-GB")
                .setAcceptDownloads(true)
                .setBaseURL(root.toString()));
        context.setDefaultTimeout(15_000);
        watchPolicies(context);
        return context;
    }

    private static void assertNoChildsWords(Page page, List<String> secrets, String reference) {
        String text = page.locator("body").innerText();
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "the page shows " + secret);
        }
        if (reference != null) {
            assertFalse(text.contains(reference), "the figures show a case reference");
        }
    }
}
