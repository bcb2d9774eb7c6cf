package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import app.mysay.views.Views;
import app.mysay.views.ViewsStatus;
import io.quarkus.test.junit.QuarkusTest;

/** A child, on a 360 by 740 phone, from the invitation link to the chair's summary, in their own words. */
@QuarkusTest
class ChildJourneyBrowserTest extends BrowserTest {

    static final String GOOD = "Football with Sami on Saturdays & my teacher Mrs Khan <3";
    static final String WORRIES = "When dad shouts at night I hide under the bed.";
    static final String WISHES = "I want everyone to stop shouting.";
    static final String QUESTION = "Will I have to move school?";
    static final String FIRST = "Please do not read my worries out when dad is there.";

    record Setting(Staff socialWorker, Staff chair, UUID child, UUID conference) {
        static Setting create(String name) {
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
            Staff chair = Api.staff(Role.CHAIR);
            UUID child = Api.child(socialWorker, name, null, null);
            UUID conference = Api.conference(socialWorker, chair, List.of(child));
            return new Setting(socialWorker, chair, child, conference);
        }
    }

    @Test
    void inWordsModeWithAPointer() {
        journey("words", Setting.create("Jay"), false);
    }

    @Test
    void inPicturesMode() {
        journey("pictures", Setting.create("Mia"), false);
    }

    @Test
    void byKeyboardAlone() {
        journey("keyboard", Setting.create("Sol"), true);
    }

    private void journey(String run, Setting s, boolean keyboardOnly) {
        String code = Api.invite(s.socialWorker(), s.conference(), s.child());
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            try {
                walk(page, run, code, keyboardOnly ? Hands.keyboard(page) : Hands.pointer());
            } catch (RuntimeException | AssertionError failure) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(getClass().getSimpleName())
                        .resolve(run + "-FAILED.png")).setFullPage(true));
                throw failure;
            }
        }
        chairReadsTheChildsOwnWords(s);
    }

    private void walk(Page page, String run, String code, Hands hands) {
        {
            page.navigate("/join#" + code);
            assertThat(heading(page, "Hello, this is MySay")).isVisible();
            assertFalse(page.url().contains(code.substring(0, 4)), "the code is taken out of the address bar");
            if (run.equals("pictures")) {
                hands.press(button(page, "Menu"));
                hands.choose(page.getByLabel("Pictures"));
                hands.press(button(page, "Close"));
            }
            check(page, run + "-01-welcome");

            hands.press(button(page, "Start"));
            assertThat(heading(page, "Choose a PIN")).isVisible();
            check(page, run + "-02-choose-pin");
            hands.fill(page.locator("#pin"), "2580");
            hands.fill(page.locator("#pin-again"), "2580");
            hands.press(button(page, "Continue"));

            assertThat(heading(page, "Hi " + knownAs(run))).isVisible();
            check(page, run + "-03-home");
            hands.press(button(page, "Give my views"));

            assertThat(heading(page, "My views")).isVisible();
            check(page, run + "-04-views");

            writeTopic(page, hands, run, "Good things", "goodThings", GOOD, true);
            writeTopic(page, hands, run, "Worries", "worries", WORRIES, false);
            writeTopic(page, hands, run, "Wishes", "wishes", WISHES, true);

            hands.press(button(page, "How safe I feel"));
            check(page, run + "-08-safety");
            hands.choose(page.getByLabel("6 out of 10", new Page.GetByLabelOptions().setExact(true)));
            hands.press(button(page, "Save and continue"));

            hands.press(button(page, "Taking part"));
            check(page, run + "-09-taking-part");
            hands.tick(page.getByLabel("Come to part of the meeting"));
            hands.tick(page.getByLabel("Talk to the chair before, face to face"));
            hands.fill(page.locator("#whoWithMe"), "My nan");
            hands.press(button(page, "Save and continue"));

            hands.press(button(page, "An advocate"));
            check(page, run + "-10-advocate");
            hands.choose(page.getByLabel("Yes, I would like an advocate"));
            hands.press(button(page, "Save and continue"));

            writeTopic(page, hands, run, "Questions for the chair", "questions", QUESTION, false);
            writeTopic(page, hands, run, "Tell the chair first", "tellChairFirst", FIRST, false);

            hands.press(button(page, "Who wrote this?"));
            check(page, run + "-13-authorship");
            hands.choose(page.getByLabel("Someone helped me write it"));
            hands.fill(page.locator("#helperName"), "Mrs Khan");
            hands.fill(page.locator("#helperRole"), "Teacher");
            hands.press(button(page, "Save and continue"));

            hands.press(button(page, "Check and send"));
            assertThat(heading(page, "Check your views")).isVisible();
            check(page, run + "-14-check");
            for (String words : List.of(GOOD, WORRIES, WISHES, QUESTION, FIRST)) {
                assertThat(page.getByText(words, new Page.GetByTextOptions().setExact(true))).isVisible();
            }
            hands.press(button(page, "Send my views"));

            assertThat(heading(page, "Your views are sent")).isVisible();
            check(page, run + "-15-sent");
            hands.press(button(page, "Home"));
            assertThat(page.getByText("Sent on")).isVisible();
            check(page, run + "-16-home-sent");

            hands.press(button(page, "Menu"));
            check(page, run + "-17-menu");
            hands.press(page.locator("#menu").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("What is a conference?")));
            check(page, run + "-18-about");
            hands.press(button(page, "Why is there a meeting?"));
            check(page, run + "-19-about-why");
            hands.press(button(page, "Menu"));
            hands.press(button(page, "Help and someone to talk to"));
            check(page, run + "-20-help");
        }
    }

    /** The chair reads exactly what the child wrote, and exactly one version arrived. */
    private void chairReadsTheChildsOwnWords(Setting s) {
        String summary = Api.as(s.chair()).accept("text/html").get("/api/conferences/" + s.conference() + "/summary")
                .then().statusCode(200).extract().asString();
        for (String words : List.of(GOOD, WORRIES, WISHES, QUESTION, FIRST)) {
            assertTrue(summary.contains(html(words)), "the chair's summary has, verbatim: " + words);
        }
        assertTrue(summary.contains("written down with help from Mrs Khan (Teacher)"));
        List<Views> sent = Api.inSession(() -> Views.<Views>list("childId = ?1 and status = ?2", s.child(), ViewsStatus.SENT));
        assertEquals(1, sent.size(), "exactly one version arrived");
        assertTrue(sent.get(0).goodThingsShared);
        assertFalse(sent.get(0).worriesShared);
    }

    private void writeTopic(Page page, Hands hands, String run, String title, String id, String words, boolean share) {
        hands.press(button(page, title));
        assertThat(heading(page, title)).isVisible();
        check(page, run + "-topic-" + id);
        hands.fill(page.locator("#" + id), words);
        if (share) {
            hands.choose(page.getByLabel("Yes, they may see it"));
        }
        hands.press(button(page, "Save and continue"));
        assertThat(heading(page, "My views")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(title)))
                .containsText("Answered");
    }

    private static String knownAs(String run) {
        return switch (run) {
            case "words" -> "Jay";
            case "pictures" -> "Mia";
            default -> "Sol";
        };
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
