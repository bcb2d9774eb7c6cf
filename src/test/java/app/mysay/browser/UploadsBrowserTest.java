package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A child records a voice note (Chromium's fake microphone) and draws a picture with the mouse beside their words,
 * sends, and the chair hears and sees them in the pack; each play and view is one audit event. The voice note's
 * controls are worked by keyboard alone; the drawing itself needs a pointer (it is an alternative to writing).
 */
@QuarkusTest
class UploadsBrowserTest extends BrowserTest {

    static final String PICTURE_WORDS = "My house with a big sun";
    /** This machine may be busy: pages that load data get longer than the assertions' 5 seconds. */
    static final com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions SLOW =
            new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000);

    @Test
    void aChildRecordsAndDrawsAndTheChairHearsAndSeesThem() {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
        Staff chair = Api.staff(Role.CHAIR);
        UUID child = Api.child(socialWorker, "Ava", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(child));
        String code = Api.invite(socialWorker, conference, child);

        try (BrowserContext context = phone()) {
            context.grantPermissions(List.of("microphone"));
            Page page = context.newPage();
            try {
                child(page, code);
            } catch (RuntimeException | AssertionError failure) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(getClass().getSimpleName())
                        .resolve("child-FAILED.png")).setFullPage(true));
                throw failure;
            }
        }
        assertEquals(List.of("VOICE", "PICTURE"), Api.inSession(() -> Panache.getSession().flatMap(s -> s
                .createNativeQuery("select kind from attachment where child_id = :child order by created_at", String.class)
                .setParameter("child", child).getResultList())));
        assertTrue(Api.inSession(() -> Panache.getSession().flatMap(s -> s
                .createNativeQuery("select media_type from attachment where child_id = :child and kind = 'VOICE'",
                        String.class).setParameter("child", child).getSingleResult())).startsWith("audio/webm"),
                "Chromium records WebM");

        try (BrowserContext context = desk()) {
            Page page = context.newPage();
            try {
                chairHearsAndSees(page, chair, conference, child);
            } catch (RuntimeException | AssertionError failure) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(getClass().getSimpleName())
                        .resolve("chair-FAILED.png")).setFullPage(true));
                throw failure;
            }
        }
    }

    private void child(Page page, String code) {
        Hands keys = Hands.keyboard(page);
        Hands pointer = Hands.pointer();
        page.navigate("/join#" + code);
        pointer.press(button(page, "Start"));
        pointer.fill(page.locator("#pin"), "2580");
        pointer.fill(page.locator("#pin-again"), "2580");
        pointer.press(button(page, "Continue"));
        pointer.press(button(page, "Give my views"));

        // Words first, then a voice note beside them: every step by keyboard.
        keys.press(button(page, "Good things"));
        keys.fill(page.locator("#goodThings"), "Football on Saturdays");
        check(page, "01-good-things");
        keys.press(button(page, "Record a voice note"));
        assertThat(page.getByText("Recording:")).isVisible();
        page.waitForTimeout(2500);
        check(page, "02-recording");
        keys.press(button(page, "Stop recording"));
        Locator listenBack = page.locator("audio[aria-label='Your voice note']");
        assertThat(listenBack).isVisible();
        assertTrue(listenBack.getAttribute("src").startsWith("blob:"));
        check(page, "03-listen-back");
        keys.press(button(page, "Keep it"));
        assertThat(page.getByText("Your voice note is kept.")).isVisible(SLOW);
        assertThat(button(page, "Delete my voice note")).isVisible();
        check(page, "04-voice-kept");
        keys.press(button(page, "Save and continue"));
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Good things"))).containsText("Answered");

        // A drawing, with the mouse; its controls by keyboard.
        keys.press(button(page, "Wishes"));
        keys.press(button(page, "Draw a picture"));
        Locator canvas = page.locator("canvas.drawing-canvas");
        assertThat(canvas).isVisible();
        keys.choose(page.getByLabel("Red", new Page.GetByLabelOptions().setExact(true)));
        draw(page, canvas, 0.2, 0.3, 0.8, 0.3);
        keys.choose(page.getByLabel("Blue", new Page.GetByLabelOptions().setExact(true)));
        keys.choose(page.getByLabel("Thin", new Page.GetByLabelOptions().setExact(true)));
        draw(page, canvas, 0.1, 0.9, 0.9, 0.1);
        assertThat(button(page, "Undo")).isEnabled();
        keys.press(button(page, "Undo"));
        // From the bottom up: the page's sticky header may cover the top of the canvas.
        draw(page, canvas, 0.5, 0.95, 0.5, 0.4);
        // Both colours are on the page: the red stroke and the blue one drawn after the undo.
        assertEquals(List.of(true, true), canvas.evaluate("c => { const d = c.getContext('2d').getImageData(0, 0, "
                + "c.width, c.height).data; let red = false, blue = false; for (let i = 0; i < d.length; i += 4) { "
                + "if (d[i] > 180 && d[i + 1] < 90 && d[i + 2] < 90) red = true; "
                + "if (d[i] < 60 && d[i + 1] < 150 && d[i + 2] > 150) blue = true; } return [red, blue]; }"));
        check(page, "05-drawing");
        keys.press(button(page, "I have finished"));
        keys.fill(page.locator("#wishes-picture-text"), PICTURE_WORDS);
        check(page, "06-picture-chosen");
        keys.press(button(page, "Keep my picture"));
        assertThat(page.getByText("Your picture is kept.")).isVisible(SLOW);
        assertThat(page.getByAltText(PICTURE_WORDS)).isVisible();
        check(page, "07-picture-kept");
        keys.press(button(page, "Save and continue"));

        keys.press(button(page, "Check and send"));
        assertThat(page.getByText("Football on Saturdays")).isVisible();
        assertThat(button(page, "Listen to my voice note")).isVisible();
        assertThat(page.getByAltText(PICTURE_WORDS)).isVisible();
        check(page, "08-check");
        keys.press(button(page, "Send my views"));
        assertThat(heading(page, "Your views are sent")).isVisible(SLOW);
    }

    /** A stroke across the canvas, from and to fractions of its width and height. */
    private static void draw(Page page, Locator canvas, double x1, double y1, double x2, double y2) {
        canvas.scrollIntoViewIfNeeded();
        BoundingBox box = canvas.boundingBox();
        page.mouse().move(box.x + box.width * x1, box.y + box.height * y1);
        page.mouse().down();
        page.mouse().move(box.x + box.width * x2, box.y + box.height * y2, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(12));
        page.mouse().up();
    }

    private void chairHearsAndSees(Page page, Staff chair, UUID conference, UUID child) {
        signIn(page, chair);
        assertThat(heading(page, "My conferences")).isVisible(SLOW);
        page.navigate("/staff/conferences/" + conference + "/pack");
        Locator picture = page.getByAltText(PICTURE_WORDS);
        assertThat(picture).isVisible(SLOW);
        page.waitForFunction("el => el.complete && el.naturalWidth > 0", picture.elementHandle());
        assertThat(page.getByText("Football on Saturdays")).isVisible();
        Hands.keyboard(page).press(button(page, "Play the voice note"));
        Locator audio = page.locator("audio[aria-label='The voice note']");
        assertThat(audio).isVisible(SLOW);
        page.waitForFunction("el => el.readyState >= 1 && !el.error", audio.elementHandle());
        check(page, "09-pack");

        assertEquals(1, events("VOICE_NOTE_PLAYED", chair, child), "one play, one fetch, one audit event");
        assertEquals(1, events("PICTURE_VIEWED", chair, child));
    }

    private static long events(String action, Staff who, UUID child) {
        return Api.inSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select count(*) from audit_event where action = :action and actor_id = :who and child_id = :child",
                Long.class).setParameter("action", action).setParameter("who", who.id()).setParameter("child", child)
                .getSingleResult()));
    }
}
