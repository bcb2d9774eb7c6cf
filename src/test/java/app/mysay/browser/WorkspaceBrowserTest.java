package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.ChildLogin;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;

/** The professionals' workspace in a real browser: the social worker's and the chair's pages, end to end. */
@QuarkusTest
class WorkspaceBrowserTest extends BrowserTest {

    @Test
    void aSocialWorkerAddsAChildArrangesAConferenceInvitesAndResetsALockedPin() throws Exception {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER, "Sam Social");
        Staff chair = Api.staff(Role.CHAIR, "Chris Chair " + Api.shortId());
        String reference = "CR-" + Api.shortId();
        String family = "FAM-" + Api.shortId();
        try (BrowserContext context = desk()) {
            Page page = context.newPage();
            signIn(page, socialWorker);
            assertThat(heading(page, "My children and families")).isVisible();
            check(page, "social-worker-start-empty");

            link(page, "Add a child").first().click();
            assertThat(heading(page, "Add a child")).isVisible();
            button(page, "Add the child").click();
            assertThat(page.getByText("Enter the name the child likes to be called").first()).isVisible();
            check(page, "add-child-errors");

            page.locator("#knownAs").fill("Ada");
            page.locator("#caseReference").fill(reference);
            page.locator("#ageBand").selectOption("AGE_8_TO_11");
            page.locator("#familyId").selectOption("new");
            page.locator("#familyReference").fill(family);
            page.locator("#communicationNeeds").fill("Likes pictures");
            check(page, "add-child-filled");
            button(page, "Add the child").click();
            assertThat(heading(page, "Ada is added")).isVisible();
            check(page, "child-added");

            link(page, "Arrange a conference").last().click();
            assertThat(heading(page, "Arrange a conference")).isVisible();
            assertThat(page.getByLabel("Ada (" + reference + ")")).isChecked();
            button(page, "Arrange the conference").click();
            assertThat(page.getByText("Choose initial or review conference").first()).isVisible();
            check(page, "arrange-conference-errors");
            page.getByLabel("Initial conference").check();
            page.locator("#date").fill(LocalDate.now().plusDays(14).toString());
            page.locator("#time").fill("10:30");
            page.getByLabel("In person", new Page.GetByLabelOptions().setExact(true)).check();
            page.locator("#place").fill("Civic Centre, Room 2");
            page.locator("#chairId").selectOption(chair.id().toString());
            button(page, "Arrange the conference").click();

            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                    new Page.GetByRoleOptions().setLevel(1)).first()).containsText("Initial conference");
            assertThat(page.getByText("Not invited yet")).isVisible();
            check(page, "conference-status-not-invited");
            String conferenceId = page.url().replaceAll(".*/conferences/([^/]+).*", "$1");

            link(page, "Invite Ada").click();
            assertThat(heading(page, "Invite Ada to give their views")).isVisible();
            check(page, "invite");
            button(page, "Make the invitation").click();
            assertThat(heading(page, "Invitation ready")).isVisible();
            assertThat(page.locator("svg.qr path")).hasCount(1);
            check(page, "invitation-ready");
            String code = page.locator("dd.code").innerText().trim();
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("WorkspaceBrowserTest/letter-print.png")).setFullPage(true));
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));

            // The code on the letter really lets Ada in; five wrong PINs then lock her device.
            String device = Api.redeem(code);
            Api.setPin(device, "2580").then().statusCode(200);
            for (int i = 0; i < 5; i++) {
                Api.childSignIn(device, "1357");
            }
            link(page, "Back to the conference").click();
            assertThat(page.getByText("Invitation opened on a device")).isVisible();
            assertThat(page.getByText("Locked out: reset the PIN")).isVisible();
            link(page, "Reset Ada's PIN on the locked device").click();
            assertThat(heading(page, "Ada's devices")).isVisible();
            button(page, "Reset the PIN of Device 1").click();
            check(page, "pin-reset-confirm");
            button(page, "Yes, reset the PIN").click();
            assertThat(page.getByText("Ada can now choose a new PIN on Device 1")).isVisible();
            check(page, "pin-reset-done");
            Api.setPin(device, "3691").then().statusCode(200);
            page.navigate("/staff/conferences/" + conferenceId);
            assertThat(page.getByText("Invitation opened on a device")).isVisible();
            assertThat(page.getByText("Locked out: reset the PIN")).hasCount(0);

            link(page, "Children and families").click();
            assertThat(page.getByText(reference)).isVisible();
            assertThat(page.locator("section.card", new Page.LocatorOptions().setHasText("Initial conference"))).containsText("Ada");
            check(page, "social-worker-start");
            assertNotNull(UUID.fromString(conferenceId));
        }
    }

    @Test
    void aChairReadsThePackAcknowledgesAndRecordsADecisionTheChildThenSees() throws Exception {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR, "Pat Chair");
        UUID family = Api.family(socialWorker);
        UUID bea = Api.child(socialWorker, "Bea", family, null);
        UUID cal = Api.child(socialWorker, "Cal", family, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(bea, cal));
        ChildLogin beaLogin = Api.childSignedIn(socialWorker, conference, bea);
        Map<String, Object> views = Api.views("Football on Saturdays with my coach.", "Shouting at night when I try to sleep.",
                "I want to live with my gran.");
        views.put("safety", Map.of("score", 2, "parentsMaySee", false));
        Api.send(Api.as(beaLogin), "/api/child/conferences/" + conference + "/views/send", UUID.randomUUID().toString(), views)
                .then().statusCode(201);
        String message = "Thank you Bea. We listened. You will have a plan to keep you safe, and your social worker will visit every week.";

        try (BrowserContext context = desk()) {
            Page page = context.newPage();
            signIn(page, chair);
            assertThat(heading(page, "My conferences")).isVisible();
            assertThat(page.getByText("Low on the safety scale").first()).isVisible();
            check(page, "chair-conferences");

            page.locator("h3 a").first().click();
            assertThat(page.getByText("Wants to talk to the chair first").first()).isVisible();
            check(page, "chair-conference");

            link(page, "Read the conference pack").click();
            assertThat(page.getByText("Shouting at night when I try to sleep.")).isVisible();
            assertThat(page.getByText("Cal has not sent views yet.")).isVisible();
            assertThat(page.getByText("Not for parents or carers").first()).isVisible();
            check(page, "pack");

            Download pdf = page.waitForDownload(() -> link(page, "Download the pack as a PDF").click());
            byte[] bytes = Files.readAllBytes(pdf.path());
            assertEquals("%PDF", new String(bytes, 0, 4));

            button(page, "I have read this").click();
            assertThat(page.getByText("You marked this read on")).isVisible();
            check(page, "pack-read");

            Api.conferenceHasStarted(conference);
            link(page, "Back to the conference").click();
            link(page, "Record the decision").click();
            assertThat(heading(page, "Record the decision")).isVisible();
            button(page, "Record the decision").click();
            assertThat(page.getByText("Say whether Bea needs a Child Protection Plan").first()).isVisible();
            check(page, "decision-errors");

            page.locator("section", new Page.LocatorOptions().setHasText("Does Bea need")).getByLabel("Yes, a plan is needed").check();
            page.getByLabel("Neglect").check();
            page.locator("section", new Page.LocatorOptions().setHasText("Does Cal need")).getByLabel("No plan").check();
            page.locator("[id='children[0].messageForChild']").fill(message);
            page.locator("#nextReviewDate").fill(LocalDate.now().plusMonths(3).toString());
            assertThat(page.locator(".child-preview").first()).containsText(message);
            check(page, "decision-preview");
            button(page, "Record the decision").click();
            assertThat(heading(page, "Decision recorded")).isVisible();
            check(page, "decision-recorded");
        }

        Map<String, Object> home = Api.as(beaLogin).get("/api/child/me").then().statusCode(200).extract().path("conferences[0]");
        assertEquals(message, home.get("chairMessage"));
        assertNotNull(home.get("readByChairAt"), "Bea sees that the chair read her views");

        try (BrowserContext context = desk()) {
            Page page = context.newPage();
            signIn(page, socialWorker);
            // Bea's safety score of 2 is urgent by the one rule: "please look today" beside "views have arrived".
            assertThat(page.getByText("(2 new)")).isVisible();
            link(page, "Notifications (2 new)").click();
            assertThat(page.getByText("A child's views have arrived")).isVisible();
            assertThat(page.getByText("Please look today: what a child shared may mean they are in danger now")).isVisible();
            String text = page.locator("main").innerText();
            assertTrue(!text.contains("Shouting") && !text.contains("Bea"), "notifications carry no names or words");
            check(page, "notifications");
        }
    }

    @Test
    void aChairWithMoreConferencesThanOnePageSeesThemAll() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR, "Lou Busy");
        UUID ann = Api.child(socialWorker, "Ann", null, null);
        for (int i = 0; i < 100; i++) {
            Api.conference(socialWorker, chair, List.of(ann));
        }
        // The latest to start, so the service puts it on the second page.
        Api.conference(socialWorker, chair, List.of(Api.child(socialWorker, "Zed", null, null)));
        try (BrowserContext context = desk()) {
            Page page = context.newPage();
            List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onRequest(r -> {
                if (r.url().contains("/api/conferences?")) {
                    asked.add(r.url());
                }
            });
            signIn(page, chair);
            assertThat(heading(page, "My conferences")).isVisible();
            assertThat(page.getByText("Zed")).isVisible();
            assertEquals(101, page.locator("h3 a").count(), "every conference, from both pages");
            assertEquals(2, asked.size(), "the first page, then the one its Link named: " + asked);
            assertTrue(asked.get(1).contains("after="), asked.get(1));
            check(page, "chair-conferences-two-pages");
        }
    }

    @Test
    void aChairCanDoEverythingByKeyboardAlone() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR, "Kim Keys");
        UUID dan = Api.child(socialWorker, "Dan", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(dan));
        ChildLogin danLogin = Api.childSignedIn(socialWorker, conference, dan);
        Api.send(Api.as(danLogin), "/api/child/conferences/" + conference + "/views/send", UUID.randomUUID().toString(),
                Api.views("My bike.", "Being on my own after school.", "More time with my brother.")).then().statusCode(201);
        try (BrowserContext context = desk()) {
            Page page = context.newPage();
            Hands keys = Hands.keyboard(page);
            page.navigate("/staff");
            keys.fill(page.locator("#email"), chair.email());
            keys.fill(page.locator("#password"), Api.PASSWORD);
            keys.press(button(page, "Sign in"));
            assertThat(heading(page, "My conferences")).isVisible();
            keys.press(page.locator("h3 a").first());
            keys.press(link(page, "Read the conference pack"));
            assertThat(page.getByText("Being on my own after school.")).isVisible();
            keys.press(button(page, "I have read this"));
            assertThat(page.getByText("You marked this read on")).isVisible();

            Api.conferenceHasStarted(conference);
            keys.press(link(page, "Back to the conference"));
            keys.press(link(page, "Record the decision"));
            keys.choose(page.getByLabel("No plan"));
            keys.fill(page.locator("[id='children[0].messageForChild']"), "Thank you Dan. You will not need a plan.");
            keys.press(button(page, "Record the decision"));
            assertThat(heading(page, "Decision recorded")).isVisible();
        }
        Api.as(danLogin).get("/api/child/me").then().statusCode(200)
                .body("conferences[0].chairMessage", org.hamcrest.Matchers.equalTo("Thank you Dan. You will not need a plan."));
    }

    @Test
    void aWorkspaceLeftAloneSignsItselfOut() {
        Staff chair = Api.staff(Role.CHAIR);
        try (BrowserContext context = desk()) {
            Page page = context.newPage();
            page.clock().install();
            signIn(page, chair);
            assertThat(heading(page, "My conferences")).isVisible();
            page.clock().runFor(29 * 60 * 1000);
            assertThat(heading(page, "My conferences")).isVisible();
            page.clock().runFor(2 * 60 * 1000);
            assertThat(page.getByText("You were signed out after 30 minutes without activity.")).isVisible();
            assertThat(heading(page, "Sign in")).isVisible();
            check(page, "signed-out-idle");
        }
    }
}
