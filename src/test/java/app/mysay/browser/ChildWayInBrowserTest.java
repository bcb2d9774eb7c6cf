package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The child's way into MySay on a phone that is already set up: opening it again after closing it, after a PIN
 * reset, from the letter's link again, and what stays on the phone in between.
 */
@QuarkusTest
class ChildWayInBrowserTest extends BrowserTest {

    static final String PIN = "2580";
    static final String WORRY = "Mum's boyfriend scares me when he drinks. Do not tell mum I said this.";

    record Setting(Staff socialWorker, Staff chair, UUID child, UUID conference) {
        static Setting create(String name) {
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
            Staff chair = Api.staff(Role.CHAIR);
            UUID child = Api.child(socialWorker, name, null, null);
            UUID conference = Api.conference(socialWorker, chair, List.of(child));
            return new Setting(socialWorker, chair, child, conference);
        }
    }

    /** Through the invitation link to the child's home page. */
    private static void signUp(Page page, Setting s, String name) {
        page.navigate("/join#" + Api.invite(s.socialWorker(), s.conference(), s.child()));
        button(page, "Start").click();
        page.locator("#pin").fill(PIN);
        page.locator("#pin-again").fill(PIN);
        button(page, "Continue").click();
        assertThat(heading(page, "Hi " + name)).isVisible();
    }

    /** A worry, kept from the child's parents (the default: nobody ticked that parents may see it). */
    private static void writeWorry(Page page) {
        button(page, "Give my views").click();
        button(page, "Worries").click();
        page.locator("#worries").fill(WORRY);
        button(page, "Save and continue").click();
        assertThat(heading(page, "My views")).isVisible();
        // Kept on the phone and, with a signal, saved to the service too.
        assertThat(page.getByText("Saved", new Page.GetByTextOptions().setExact(true))).isVisible();
    }

    private static void signInWithPin(Page page, String name) {
        page.locator("#pin").fill(PIN);
        button(page, "Open MySay").click();
        assertThat(heading(page, "Hi " + name)).isVisible();
    }

    private static void worryIsBack(Page page) {
        button(page, "See or change my views").click();
        button(page, "Worries").click();
        assertThat(page.locator("#worries")).hasValue(WORRY);
    }

    /**
     * What the phone keeps when the browser is closed and opened again: cookies with an expiry, local storage and
     * IndexedDB. A session cookie (no Max-Age or Expires) is gone, as a browser restart drops it.
     */
    private static String afterRestart(BrowserContext context) {
        JsonObject state = new JsonObject(context.storageState(new BrowserContext.StorageStateOptions().setIndexedDB(true)));
        JsonArray kept = new JsonArray();
        state.getJsonArray("cookies").stream().map(JsonObject.class::cast)
                .filter(cookie -> cookie.getDouble("expires", -1.0) > 0)
                .forEach(kept::add);
        return state.put("cookies", kept).encode();
    }

    @Test
    void closingTheAppWithoutLeavingQuicklyAsksForThePinWhenItIsOpenedAgain() {
        Setting s = Setting.create("Amira");
        String kept;
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            signUp(page, s, "Amira");
            writeWorry(page);
            // Amira closes the browser without "Leave quickly".
            kept = afterRestart(context);
        }
        try (BrowserContext context = phone(kept)) {
            Page page = context.newPage();
            page.navigate("/");
            assertThat(heading(page, "Type your PIN")).isVisible();
            check(page, "reopened-asks-for-pin");
            assertThat(page.getByText("Hi Amira")).hasCount(0);
            assertFalse(page.content().contains(WORRY), "her worries are not on the screen");
            assertEquals(401, page.request().get("/api/child/me").status(), "the service gives nothing without the PIN");

            signInWithPin(page, "Amira");
            worryIsBack(page);
        }
    }

    @Test
    void afterAPinResetTheChildChoosesANewPinAndIsBackInTheirViews() {
        Setting s = Setting.create("Leo");
        try (BrowserContext phone = phone(); BrowserContext desk = desk()) {
            Page page = phone.newPage();
            signUp(page, s, "Leo");
            writeWorry(page);
            button(page, "Menu").click();
            button(page, "Sign out").click();
            assertThat(heading(page, "Type your PIN")).isVisible();

            for (String answer : List.of("You have 4 more tries", "You have 3 more tries", "You have 2 more tries",
                    "You have 1 more try", "MySay is locked on this phone")) {
                page.locator("#pin").fill("1357");
                button(page, "Open MySay").click();
                assertThat(page.getByText(answer).first()).isVisible();
            }

            Page staff = desk.newPage();
            signIn(staff, s.socialWorker());
            assertThat(heading(staff, "My children and families")).isVisible();
            staff.navigate("/staff/conferences/" + s.conference());
            button(staff, "Reset Leo's PIN").click();
            button(staff, "Yes, reset the PIN").click();
            assertThat(staff.getByText("Leo can now choose a new PIN")).isVisible();

            // Leo's phone still shows the PIN screen: whatever he types, he is asked to choose a new PIN.
            page.locator("#pin").fill(PIN);
            button(page, "Open MySay").click();
            assertThat(heading(page, "Choose a new PIN")).isVisible();
            // Opening MySay again says the same.
            page.reload();
            assertThat(heading(page, "Choose a new PIN")).isVisible();
            check(page, "choose-new-pin-after-reset");
            assertThat(page.getByText("Hi Leo")).hasCount(0);

            page.locator("#pin").fill("3691");
            page.locator("#pin-again").fill("3691");
            button(page, "Continue").click();
            assertThat(heading(page, "Hi Leo")).isVisible();
            worryIsBack(page);
        }
    }
}
