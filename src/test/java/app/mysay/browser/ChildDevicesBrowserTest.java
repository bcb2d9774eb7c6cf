package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A child's devices in the social worker's workspace, by keyboard alone: the list, resetting the PIN of the phone the
 * child forgot it on, removing the family phone; then each phone as the child meets it: the reset one asks for a new
 * PIN, the removed one says plainly that MySay is switched off there (in English, Welsh and Arabic).
 */
@QuarkusTest
class ChildDevicesBrowserTest extends BrowserTest {

    static final String PIN = "2580";
    static final String ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
    static final String IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

    /** A phone whose browser says what it is, as a real one does. */
    BrowserContext phoneSaying(String userAgent) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(360, 740)
                .setDeviceScaleFactor(1)
                .setLocale("en-GB")
                .setUserAgent(userAgent)
                .setBaseURL(root.toString()));
        context.setDefaultTimeout(15_000);
        watchPolicies(context);
        return context;
    }

    private static void signUp(Page page, String code) {
        page.navigate("/join#" + code);
        button(page, "Start").click();
        page.locator("#pin").fill(PIN);
        page.locator("#pin-again").fill(PIN);
        button(page, "Continue").click();
        assertThat(heading(page, "Hi Zoe")).isVisible();
    }

    @Test
    void theSocialWorkerResetsOneDeviceAndRemovesAnotherAndTheChildMeetsEach() throws Exception {
        Staff socialWorker = Api.staff(Role.SOCIAL_WORKER, "Sam Social");
        Staff chair = Api.staff(Role.CHAIR);
        UUID zoe = Api.child(socialWorker, "Zoe", null, null);
        UUID conference = Api.conference(socialWorker, chair, List.of(zoe));

        try (BrowserContext phone = phoneSaying(ANDROID_CHROME);
                BrowserContext familyPhone = phoneSaying(IPHONE_SAFARI);
                BrowserContext desk = desk()) {
            Page zoesPhone = phone.newPage();
            signUp(zoesPhone, Api.invite(socialWorker, conference, zoe));
            Page sharedPhone = familyPhone.newPage();
            signUp(sharedPhone, Api.invite(socialWorker, conference, zoe));

            // Zoe forgets her PIN on her own phone and locks it.
            button(zoesPhone, "Menu").click();
            button(zoesPhone, "Sign out").click();
            assertThat(heading(zoesPhone, "Type your PIN")).isVisible();
            for (String answer : List.of("You have 4 more tries", "You have 3 more tries", "You have 2 more tries",
                    "You have 1 more try", "MySay is locked on this phone")) {
                zoesPhone.locator("#pin").fill("1357");
                button(zoesPhone, "Open MySay").click();
                assertThat(zoesPhone.getByText(answer).first()).isVisible();
            }

            Page page = desk.newPage();
            Hands keys = Hands.keyboard(page);
            signIn(page, socialWorker);
            assertThat(heading(page, "My children and families")).isVisible();
            keys.press(link(page, "Zoe's devices"));
            assertThat(heading(page, "Zoe's devices")).isVisible();
            Locator first = page.locator("section.card", new Page.LocatorOptions().setHasText("Device 1"));
            Locator second = page.locator("section.card", new Page.LocatorOptions().setHasText("Device 2"));
            assertThat(first).containsText("Chrome on Android");
            assertThat(first).containsText("Locked after too many wrong PINs");
            assertThat(second).containsText("Safari on iPhone");
            assertThat(second).containsText("In use, with its own PIN");
            check(page, "devices");

            // The PIN of Device 1 only.
            keys.press(button(page, "Reset the PIN of Device 1"));
            assertThat(heading(page, "Reset the PIN of Device 1?")).isVisible();
            check(page, "reset-confirm");
            keys.press(button(page, "Yes, reset the PIN"));
            assertThat(page.getByText("Zoe can now choose a new PIN on Device 1")).isVisible();
            assertThat(first).containsText("Waiting for Zoe to choose a PIN");
            assertThat(second).containsText("In use, with its own PIN");
            check(page, "devices-after-reset");

            // The family phone is removed.
            keys.press(button(page, "Remove Device 2"));
            assertThat(heading(page, "Remove Device 2?")).isVisible();
            check(page, "remove-confirm");
            keys.press(button(page, "Yes, remove Device 2"));
            assertThat(page.getByText("Device 2 is removed. It no longer opens MySay.")).isVisible();
            assertThat(second).hasCount(0);
            assertThat(page.locator("li", new Page.LocatorOptions().setHasText("Device 2 (Safari on iPhone): removed")))
                    .isVisible();
            check(page, "devices-after-remove");

            // Inviting Zoe again says what happens to the devices already set up, and leads to them.
            page.navigate("/staff/conferences/" + conference + "/children/" + zoe + "/invite");
            assertThat(heading(page, "Invite Zoe to give their views")).isVisible();
            assertThat(page.getByText("Devices Zoe already set up keep working, each with its own PIN, until you remove them."))
                    .isVisible();
            check(page, "invite-again");
            keys.press(link(page, "remove it from Zoe's devices"));
            assertThat(heading(page, "Zoe's devices")).isVisible();

            // On Zoe's phone: a new PIN, and she is back in.
            zoesPhone.reload();
            assertThat(heading(zoesPhone, "Choose a new PIN")).isVisible();
            check(zoesPhone, "child-choose-new-pin");
            zoesPhone.locator("#pin").fill("3691");
            zoesPhone.locator("#pin-again").fill("3691");
            button(zoesPhone, "Continue").click();
            assertThat(heading(zoesPhone, "Hi Zoe")).isVisible();

            // On the family phone, still open on Zoe's home: the next thing anyone does finds MySay switched off.
            assertEquals(401, sharedPhone.request().get("/api/child/me").status());
            sharedPhone.reload();
            assertThat(heading(sharedPhone, "MySay is switched off on this phone")).isVisible();
            assertThat(sharedPhone.getByText("Zoe")).hasCount(0);
            check(sharedPhone, "child-device-removed");
            for (String language : List.of("cy", "ar")) {
                Map<String, String> words = ChildLanguageBrowserTest.catalogue(language);
                sharedPhone.evaluate("code => localStorage.setItem('lang', code)", language);
                sharedPhone.reload();
                assertThat(heading(sharedPhone, words.get("removed.title"))).isVisible();
                assertThat(sharedPhone.locator("html")).hasAttribute("lang", language);
                check(sharedPhone, "child-device-removed-" + language);
            }
            assertThat(sharedPhone.locator("html")).hasAttribute("dir", "rtl");
        }
    }
}
