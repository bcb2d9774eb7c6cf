package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The child's language all the way: an Arabic-speaking child writes Arabic and English mixed, each piece of her own
 * text laid out by its own direction (dir="auto") in her right-to-left app and in the chair's pack; the chair sees
 * that she reads Arabic and previews her screen in Arabic; she then reads what was decided in Arabic, with the
 * chair's English message in its own direction.
 */
@QuarkusTest
class ChildLanguageBrowserTest extends BrowserTest {

    static final String MIXED = "أحب لعب football مع Sami في المدرسة!";
    static final String MESSAGE = "Thank you Amira. We read everything you wrote, and we listened!";

    @Test
    void anArabicChildsWordsAndTheDecisionStayInHerLanguage() throws IOException {
        Map<String, String> ar = catalogue("ar");
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID amira = Api.child(socialWorker, "Amira", null, null, "ar");
        UUID conference = Api.conference(socialWorker, chair, List.of(amira));

        try (BrowserContext phone = phone()) {
            Page child = phone.newPage();
            child.navigate("/join#" + Api.invite(socialWorker, conference, amira));
            button(child, "Start").click();
            child.locator("#pin").fill("2580");
            child.locator("#pin-again").fill("2580");
            button(child, "Continue").click();

            // Her home comes in Arabic, right to left, as her social worker recorded.
            assertThat(child.locator("html")).hasAttribute("dir", "rtl");
            assertThat(child.locator("html")).hasAttribute("lang", "ar");
            button(child, ar.get("home.give")).click();
            button(child, ar.get("topic.goodThings.title")).click();
            Locator box = child.locator("#goodThings");
            assertThat(box).hasAttribute("dir", "auto");
            box.fill(MIXED);
            check(child, "arabic-text-box");
            button(child, ar.get("common.saveAndContinue")).click();
            button(child, ar.get("views.check")).click();
            Locator words = child.locator(".words", new Page.LocatorOptions().setHasText(MIXED));
            assertThat(words).hasAttribute("dir", "auto");
            check(child, "arabic-check");
            button(child, ar.get("check.send")).click();
            assertThat(child.getByText(ar.get("sent.body"))).isVisible();
            button(child, ar.get("menu.home")).click();

            try (BrowserContext desk = desk()) {
                Page page = desk.newPage();
                signIn(page, chair);
                assertThat(heading(page, "My conferences")).isVisible();
                page.navigate("/staff/conferences/" + conference + "/pack");
                Locator packWords = page.locator(".words", new Page.LocatorOptions().setHasText(MIXED));
                assertThat(packWords).hasAttribute("dir", "auto");
                check(page, "pack-mixed-words");

                Api.conferenceHasStarted(conference);
                page.navigate("/staff/conferences/" + conference + "/decision");
                assertThat(page.getByText("Amira reads MySay in Arabic")).isVisible();
                page.getByLabel("Yes, a plan is needed").check();
                page.getByLabel("Physical abuse").check();
                page.locator("[id='children[0].messageForChild']").fill(MESSAGE);
                page.locator("#nextReviewDate").fill(LocalDate.now().plusMonths(3).toString());

                Locator preview = page.locator(".child-preview");
                assertThat(preview).hasAttribute("lang", "ar");
                assertThat(preview).hasAttribute("dir", "rtl");
                assertThat(preview).containsText(ar.get("home.decision.title"));
                assertThat(preview).containsText(ar.get("home.decision.plan"));
                assertThat(preview).containsText(ar.get("home.chairMessage"));
                assertThat(preview.locator(".chair-message .words")).hasAttribute("dir", "auto");
                assertThat(preview.locator(".chair-message .words")).hasText(MESSAGE);
                check(page, "decision-preview-arabic");
                button(page, "Record the decision").click();
                assertThat(heading(page, "Decision recorded")).isVisible();
            }

            // What was decided reaches her in Arabic, from the recorded decision; the English message keeps its own direction.
            child.reload();
            // Opening MySay again always asks for the PIN, in her language.
            child.locator("#pin").fill("2580");
            button(child, ar.get("pin.signIn")).click();
            assertThat(child.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                    new Page.GetByRoleOptions().setName(ar.get("home.decision.title")))).isVisible();
            assertThat(child.getByText(ar.get("home.decision.plan"))).isVisible();
            assertThat(child.getByText(ar.get("home.decision.coreGroup"))).isVisible();
            Locator message = child.locator(".chair-message .words");
            assertThat(message).hasText(MESSAGE);
            assertThat(message).hasAttribute("dir", "auto");
            // Laid out left to right inside the right-to-left page, so the "!" stays at the end of the English.
            org.junit.jupiter.api.Assertions.assertEquals("ltr",
                    message.evaluate("e => getComputedStyle(e).direction"), "the English message is laid out left to right");
            check(child, "arabic-home-decision");
        }
    }

    @Test
    void theInvitationLetterIsInTheChildsLanguage() throws IOException {
        Map<String, String> ar = catalogue("ar");
        Map<String, String> cy = catalogue("cy");
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID family = Api.family(socialWorker);
        UUID amira = Api.child(socialWorker, "Amira", family, null, "ar");
        UUID sion = Api.child(socialWorker, "Sion", family, null, "cy");
        UUID conference = Api.conference(socialWorker, chair, List.of(amira, sion));

        try (BrowserContext desk = desk()) {
            Page page = desk.newPage();
            signIn(page, socialWorker);
            assertThat(heading(page, "My children and families")).isVisible();

            page.navigate("/staff/conferences/" + conference + "/children/" + amira + "/invite");
            button(page, "Make the invitation").click();
            assertThat(heading(page, "Invitation ready")).isVisible();
            Locator letter = page.locator("article.letter");
            assertThat(letter).hasAttribute("lang", "ar");
            assertThat(letter).hasAttribute("dir", "rtl");
            assertThat(letter).containsText(ar.get("letter.hello").replace("{name}", "Amira"));
            assertThat(letter).containsText(ar.get("letter.how"));
            assertThat(page.getByText("In Arabic, the language Amira reads MySay in.")).isVisible();
            // The code and the address read left to right inside the Arabic.
            String code = page.locator("dd.code").innerText().trim();
            assertThat(letter.locator("strong.code")).hasText(code);
            assertThat(letter.locator("strong.code")).hasAttribute("dir", "ltr");
            check(page, "letter-arabic");
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("ChildLanguageBrowserTest/letter-arabic-print.png")).setFullPage(true));
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));

            page.navigate("/staff/conferences/" + conference + "/children/" + sion + "/invite");
            button(page, "Make the invitation").click();
            assertThat(heading(page, "Invitation ready")).isVisible();
            assertThat(letter).hasAttribute("lang", "cy");
            assertThat(letter).hasAttribute("dir", "ltr");
            assertThat(letter).containsText(cy.get("letter.hello").replace("{name}", "Sion"));
            assertThat(letter).containsText(cy.get("letter.next"));
            check(page, "letter-welsh");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> catalogue(String code) throws IOException {
        return new ObjectMapper().readValue(Path.of("web", "src", "i18n", code + ".json").toFile(), Map.class);
    }
}
