package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import io.quarkus.hibernate.reactive.panache.Panache;
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
    static final String NEUTRAL = "https://www.bbc.co.uk/weather";
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
    /** A child signs up on a new phone, writes a worry, and closes the browser without "Leave quickly". */
    private String closedAfterWritingAWorry(String name) {
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            signUp(page, Setting.create(name), name);
            writeWorry(page);
            return afterRestart(context);
        }
    }

    private static String afterRestart(BrowserContext context) {
        JsonObject state = new JsonObject(context.storageState(new BrowserContext.StorageStateOptions().setIndexedDB(true)));
        JsonArray kept = new JsonArray();
        state.getJsonArray("cookies").stream().map(JsonObject.class::cast)
                .filter(cookie -> cookie.getDouble("expires", -1.0) > 0)
                .forEach(kept::add);
        return state.put("cookies", kept).encode();
    }

    /**
     * What a script on the page (or someone with devtools) can read of the drafts kept on this phone: it opens the
     * app's IndexedDB and tries every stored key on every record, and any key the service would hand this browser now.
     */
    static final String READ_THE_DRAFTS = """
            async () => {
              const db = await new Promise((resolve, reject) => {
                const open = indexedDB.open('app-store');
                open.onsuccess = () => resolve(open.result);
                open.onerror = () => reject(open.error);
              });
              const everything = (name) => new Promise((resolve) => {
                const tx = db.transaction(name, 'readonly');
                const values = tx.objectStore(name).getAll();
                const keys = tx.objectStore(name).getAllKeys();
                tx.oncomplete = () => resolve(keys.result.map((key, i) => [key, values.result[i]]));
              });
              const stored = await everything('keys');
              const records = (await everything('records')).map(([, record]) => record);
              const text = new TextEncoder();
              const candidates = stored.map(([, k]) => k).filter((k) => k instanceof CryptoKey);
              const answer = await fetch('/api/child/device/key', { headers: { 'X-MySay-Request': '1' } });
              if (answer.ok) {
                const secret = (await answer.json()).key.replace(/-/g, '+').replace(/_/g, '/');
                const raw = Uint8Array.from(atob(secret), (c) => c.charCodeAt(0));
                const wrapping = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['unwrapKey']);
                for (const [id, entry] of stored) {
                  try {
                    candidates.push(await crypto.subtle.unwrapKey('raw', entry.wrapped, wrapping,
                      { name: 'AES-GCM', iv: entry.iv, additionalData: text.encode(id) }, 'AES-GCM', false, ['decrypt']));
                  } catch {}
                }
              }
              let readable = 0;
              for (const record of records) {
                for (const key of candidates) {
                  try {
                    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv,
                      additionalData: text.encode('app-store/v1\u0000' + record.id) }, key, record.data);
                    readable++;
                    break;
                  } catch {}
                }
              }
              db.close();
              return { records: records.length, readable, keyAnswer: answer.status };
            }""";

    private static Map<?, ?> readTheDrafts(Page page) {
        return (Map<?, ?>) page.evaluate(READ_THE_DRAFTS);
    }

    private static void assertNothingReadable(Page page, String after) {
        Map<?, ?> found = readTheDrafts(page);
        assertTrue(((Number) found.get("records")).intValue() > 0, "the draft is still kept on the phone " + after + ": " + found);
        assertEquals(0, ((Number) found.get("readable")).intValue(), "no record can be read " + after + ": " + found);
    }

    @Test
    void afterLeavingQuicklyOrSigningOutNoScriptCanReadTheDraftAndThePinBringsItBack() {
        Setting s = Setting.create("Zara");
        try (BrowserContext context = phone()) {
            context.route(NEUTRAL + "**", route -> route.fulfill(new Route.FulfillOptions()
                    .setContentType("text/html").setBody("<html><title>Weather</title><h1>Weather</h1></html>")));
            // The draft never reaches the service: the copy on the phone is the only one.
            context.route("**/views/draft", route -> route.abort("internetdisconnected"));
            Page page = context.newPage();
            signUp(page, s, "Zara");
            button(page, "Give my views").click();
            button(page, "Worries").click();
            page.locator("#worries").fill(WORRY);
            button(page, "Save and continue").click();
            assertThat(page.getByText("Saved on this phone")).isVisible();
            // Signed in, the app can read it (so can the script: the test reads what it says it reads).
            Map<?, ?> signedIn = readTheDrafts(page);
            assertTrue(((Number) signedIn.get("readable")).intValue() > 0, "signed in, the draft is readable: " + signedIn);

            button(page, "Leave quickly").click();
            page.waitForURL(NEUTRAL + "**");
            page.navigate("/");
            assertThat(heading(page, "Type your PIN")).isVisible();
            assertNothingReadable(page, "after Leave quickly");

            signInWithPin(page, "Zara");
            openWorries(page);
            assertThat(page.locator("#worries")).hasValue(WORRY);

            button(page, "Menu").click();
            // The PIN screen shows as soon as the app forgets the child, before the service has ended the session:
            // wait for that, or the script below can slip in first.
            page.waitForResponse(r -> r.url().endsWith("/api/auth/sign-out"), () -> button(page, "Sign out").click());
            assertThat(heading(page, "Type your PIN")).isVisible();
            assertNothingReadable(page, "after signing out");

            signInWithPin(page, "Zara");
            openWorries(page);
            assertThat(page.locator("#worries")).hasValue(WORRY);
        }
    }

    private static void openWorries(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName(Pattern.compile("^(Give my views|See or change my views)$"))).click();
        button(page, "Worries").click();
    }

    @Test
    void openingHerOwnLetterAgainOnHerPhoneLeadsToThePinAndNowhereElse() {
        Setting s = Setting.create("Noor");
        Setting other = Setting.create("Kai");
        String code = Api.invite(s.socialWorker(), s.conference(), s.child());
        try (BrowserContext phone = phone(); BrowserContext kaisPhone = phone(); BrowserContext newPhone = phone()) {
            Page page = phone.newPage();
            page.navigate("/join#" + code);
            button(page, "Start").click();
            page.locator("#pin").fill(PIN);
            page.locator("#pin-again").fill(PIN);
            button(page, "Continue").click();
            assertThat(heading(page, "Hi Noor")).isVisible();

            // Days later Noor taps the link in her letter again, on her own phone.
            page.navigate("/join#" + code);
            button(page, "Start").click();
            assertThat(heading(page, "Type your PIN")).isVisible();
            assertThat(page.getByText("This code does not work")).hasCount(0);
            check(page, "own-link-again-pin");
            signInWithPin(page, "Noor");

            // On a phone set up for another child, or on a phone that is not set up, the used code just does not work.
            Page kais = kaisPhone.newPage();
            signUp(kais, other, "Kai");
            for (Page elsewhere : List.of(kais, newPhone.newPage())) {
                elsewhere.navigate("/join#" + code);
                button(elsewhere, "Start").click();
                assertThat(elsewhere.getByText("This code does not work").first()).isVisible();
                assertThat(heading(elsewhere, "Type your PIN")).hasCount(0);
            }
        }
    }

    @Test
    void thePinScreenIsInTheLanguageTheChildUsesEveryTimeSheOpensMySay() {
        Setting s = Setting.create("Amal");
        Api.inTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("update child set preferred_language = 'ar' where id = :id")
                .setParameter("id", s.child()).executeUpdate()));
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/join#" + Api.invite(s.socialWorker(), s.conference(), s.child()));
            button(page, "Start").click();
            page.locator("#pin").fill(PIN);
            page.locator("#pin-again").fill(PIN);
            button(page, "Continue").click();
            assertThat(page.locator("html")).hasAttribute("lang", "ar");
            assertThat(page.locator("main h1")).containsText("Amal");

            page.reload();
            assertThat(heading(page, "اكتب رقمك السري")).isVisible();
            assertThat(page.locator("html")).hasAttribute("dir", "rtl");
            check(page, "pin-in-arabic");
            page.locator("#pin").fill(PIN);
            button(page, "افتح MySay").click();
            assertThat(page.locator("main h1")).containsText("Amal");
            Object kept = page.evaluate("() => JSON.stringify(Object.assign({}, localStorage))");
            assertFalse(kept.toString().contains("Amal"), "nothing personal is kept, only the language: " + kept);
        }
    }

    @Test
    void theInvitationCodeDoesNotStayInTheAddressBarOrTheHistory() {
        Setting s = Setting.create("Rae");
        String code = Api.invite(s.socialWorker(), s.conference(), s.child());
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/join#" + code);
            assertThat(heading(page, "Hello, this is MySay")).isVisible();
            Object where = page.evaluate("() => location.href + ' ' + history.length + ' ' + document.title");
            assertFalse(where.toString().contains(code) || where.toString().contains("/join"), where.toString());
            // Back leads out of MySay, never to the address with the code.
            page.goBack();
            assertFalse(page.url().contains(code), page.url());
            // The code still works, once: it was read before it left the address bar.
            page.goForward();
            page.navigate("/join#" + code);
            button(page, "Start").click();
            assertThat(heading(page, "Choose a PIN")).isVisible();
        }
    }

    @Test
    void withNoSignalThePinScreenSaysSoAndOpensOnceBackOnline() {
        try (BrowserContext context = phone(closedAfterWritingAWorry("Noor"))) {
            Page page = context.newPage();
            page.navigate("/");
            assertThat(heading(page, "Type your PIN")).isVisible();
            context.setOffline(true);
            page.locator("#pin").fill(PIN);
            button(page, "Open MySay").click();
            assertThat(page.getByText("No signal right now", new Page.GetByTextOptions().setExact(false)).first())
                    .isVisible();
            assertThat(page.getByText("Something went wrong")).hasCount(0);
            check(page, "pin-offline");

            context.setOffline(false);
            signInWithPin(page, "Noor");
            worryIsBack(page);
        }
    }

    @Test
    void closingTheAppWithoutLeavingQuicklyAsksForThePinWhenItIsOpenedAgain() {
        try (BrowserContext context = phone(closedAfterWritingAWorry("Amira"))) {
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
            link(staff, "Reset Leo's PIN on the locked device").click();
            button(staff, "Reset the PIN of Device 1").click();
            button(staff, "Yes, reset the PIN").click();
            assertThat(staff.getByText("Leo can now choose a new PIN on Device 1")).isVisible();

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
