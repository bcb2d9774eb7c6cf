package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import app.mysay.views.Views;
import app.mysay.views.ViewsStatus;
import io.quarkus.test.junit.QuarkusTest;

/** Poor signal, a shared phone, and an advocate: the cases where a child's words could be lost or seen. */
@QuarkusTest
class ChildSafetyBrowserTest extends BrowserTest {

    static final String NEUTRAL = "https://www.bbc.co.uk/weather";

    record Setting(Staff socialWorker, Staff chair, UUID child, UUID conference) {
        static Setting create(String name, UUID advocate) {
            Staff socialWorker = Api.staff(Role.SOCIAL_WORKER);
            Staff chair = Api.staff(Role.CHAIR);
            UUID child = Api.child(socialWorker, name, null, advocate);
            UUID conference = Api.conference(socialWorker, chair, List.of(child));
            return new Setting(socialWorker, chair, child, conference);
        }
    }

    /** Through the invitation link to the child's home page, in the browser. */
    private void signUp(Page page, Setting s) {
        page.navigate("/join#" + Api.invite(s.socialWorker(), s.conference(), s.child()));
        button(page, "Start").click();
        page.locator("#pin").fill("2580");
        page.locator("#pin-again").fill("2580");
        button(page, "Continue").click();
        assertThat(page.getByText("Your meeting is on")).isVisible();
    }

    private void writeGoodThings(Page page, String words) {
        button(page, "Good things").click();
        page.locator("#goodThings").fill(words);
        button(page, "Save and continue").click();
        assertThat(heading(page, "My views")).isVisible();
    }

    private List<Views> sentVersions(UUID child) {
        return Api.inSession(() -> Views.<Views>list("childId = ?1 and status = ?2 order by version", child, ViewsStatus.SENT));
    }

    @Test
    void viewsWrittenWithNoSignalAreSentOnceWhenTheSignalIsBackEvenAfterAReload() {
        Setting s = Setting.create("Ava", null);
        String words = "Written on the bus with no signal: I like my new school.";
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            signUp(page, s);
            page.evaluate("() => navigator.serviceWorker.ready.then(() => true)");
            button(page, "Give my views").click();

            context.setOffline(true);
            writeGoodThings(page, words);
            button(page, "Check and send").click();
            button(page, "Send my views").click();
            assertThat(page.getByText("No signal right now")).isVisible();
            check(page, "offline-waiting");
            assertEquals(0, sentVersions(s.child()).size());

            button(page, "Home").click();
            assertThat(page.getByText("Waiting for a signal to send your views")).isVisible();
            check(page, "offline-home-waiting");

            // The phone is turned off and on again, still without signal: the app opens from the service worker.
            page.reload();
            assertThat(heading(page, "Type your PIN")).isVisible();
            check(page, "offline-reopened");

            context.setOffline(false);
            page.locator("#pin").fill("2580");
            button(page, "Open MySay").click();
            assertThat(page.getByText("Sent on")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
            check(page, "offline-sent-when-back");

            // Nothing of the views is left on the phone once sent.
            Object left = page.evaluate("""
                    () => new Promise((resolve) => {
                      const open = indexedDB.open('app-store');
                      open.onsuccess = () => {
                        const tx = open.result.transaction('records', 'readonly');
                        const count = tx.objectStore('records').count();
                        count.onsuccess = () => resolve(count.result);
                      };
                      open.onerror = () => resolve(-1);
                    })""");
            assertEquals(0, ((Number) left).intValue(), "drafts and pending sends are removed once sent");
            Object cached = page.evaluate("""
                    async () => {
                      const urls = [];
                      for (const name of await caches.keys()) {
                        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
                      }
                      return urls.join(' ');
                    }""");
            assertTrue(cached.toString().contains("/assets/"), "the app itself is kept for offline use: " + cached);
            assertFalse(cached.toString().contains("/api"), "nothing from the API is ever cached: " + cached);
        }
        List<Views> sent = sentVersions(s.child());
        assertEquals(1, sent.size(), "exactly one version arrived");
        assertEquals(words, sent.get(0).goodThings);
    }

    @Test
    void wordsThatMayMeanDangerNowShowTheHelpLinesCalmlyAfterSending() {
        Setting s = Setting.create("Fin", null);
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            signUp(page, s);
            button(page, "Give my views").click();
            writeGoodThings(page, "I am not safe at home at night.");
            button(page, "Check and send").click();
            button(page, "Send my views").click();
            assertThat(heading(page, "Your views are sent")).isVisible();
            assertThat(page.getByText("If you are not safe right now, you can call 999.")).isVisible();
            check(page, "sent-with-help-lines");
        }
    }

    @Test
    void aSendingWhoseAnswerIsLostArrivesExactlyOnce() {
        Setting s = Setting.create("Ben", null);
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            signUp(page, s);
            button(page, "Give my views").click();
            writeGoodThings(page, "My words reached the server but the answer was lost.");
            button(page, "Check and send").click();

            // The first sending reaches the service and is saved, but the answer never gets back to the phone.
            AtomicInteger attempts = new AtomicInteger();
            page.route("**/views/send", (Route route) -> {
                attempts.incrementAndGet();
                route.fetch();
                route.abort("connectionreset");
            });
            button(page, "Send my views").click();
            assertThat(page.getByText("No signal right now")).isVisible();
            assertEquals(1, sentVersions(s.child()).size(), "the first try was saved");

            page.unroute("**/views/send");
            context.setOffline(true);
            context.setOffline(false);
            assertThat(heading(page, "Your views are sent")).isVisible();
        }
        assertEquals(1, sentVersions(s.child()).size(), "the retry with the same Idempotency-Key made no second version");
    }

    @Test
    void aSendingTheServiceWasTooBusyForArrivesByItselfOnceItIsBack() {
        Setting s = Setting.create("Ola", null);
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            signUp(page, s);
            button(page, "Give my views").click();
            writeGoodThings(page, "Sent while the service was restarting.");
            button(page, "Check and send").click();

            // The service answers as it does while its database restarts; the phone stays online throughout.
            AtomicInteger refused = new AtomicInteger();
            page.route("**/views/send", (Route route) -> {
                refused.incrementAndGet();
                route.fulfill(new Route.FulfillOptions().setStatus(503).setContentType("application/problem+json")
                        .setHeaders(Map.of("Retry-After", "5"))
                        .setBody("{\"type\":\"https://mysay.example/problems/service-unavailable\",\"status\":503,"
                                + "\"title\":\"MySay is busy for a moment\",\"detail\":\"Please try again in a minute.\"}"));
            });
            button(page, "Send my views").click();
            // Not "no signal": the phone has one. The child is told the truth, and that nothing is needed of them.
            assertThat(page.getByText("MySay is busy for a moment")).isVisible();
            check(page, "busy-kept-on-phone");
            assertEquals(0, sentVersions(s.child()).size());

            // Back: with nothing done on the phone, the waiting views go by themselves. The phone looks every 15 s; a
            // look that met the 503 before the route went backs off up to 15 s more (state/retry.ts), and a request
            // the route held as it went is given up after 30 s (api/client.ts): 75 s covers the worst of these.
            page.unroute("**/views/send");
            assertThat(heading(page, "Your views are sent"))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(75_000));
            assertTrue(refused.get() >= 1, "the service's 503 was met");
        }
        assertEquals(1, sentVersions(s.child()).size(), "exactly one version arrived");
    }

    @Test
    void leaveQuicklyReplacesThePageLeavesNoWayBackAndEndsTheSession() {
        Setting s = Setting.create("Cal", null);
        try (BrowserContext context = phone()) {
            context.route(NEUTRAL + "**", route -> route.fulfill(new Route.FulfillOptions()
                    .setContentType("text/html").setBody("<html><title>Weather</title><h1>Weather</h1></html>")));
            Page page = context.newPage();
            signUp(page, s);
            button(page, "Give my views").click();
            writeGoodThings(page, "Something private that nobody at home should see.");

            button(page, "Leave quickly").click();
            page.waitForURL(NEUTRAL + "**");
            page.goBack();
            assertFalse(page.content().contains("private"), "Back does not bring the child's words back");
            assertFalse(page.url().startsWith(root.toString()) && page.content().contains("My views"));

            page.navigate("/");
            assertThat(heading(page, "Type your PIN")).isVisible();
        }
    }

    @Test
    void escapeTwiceOrShiftThreeTimesLeavesToo() {
        Setting s = Setting.create("Dee", null);
        try (BrowserContext context = phone()) {
            context.route(NEUTRAL + "**", route -> route.fulfill(new Route.FulfillOptions()
                    .setContentType("text/html").setBody("<html><title>Weather</title></html>")));
            Page page = context.newPage();
            signUp(page, s);
            page.keyboard().press("Escape");
            page.keyboard().press("Escape");
            page.waitForURL(NEUTRAL + "**");

            page.navigate("/");
            page.locator("#pin").fill("2580");
            button(page, "Open MySay").click();
            assertThat(page.getByText("Your meeting is on")).isVisible();
            page.keyboard().press("Shift");
            page.keyboard().press("Shift");
            page.keyboard().press("Shift");
            page.waitForURL(NEUTRAL + "**");
        }
    }

    @Test
    void anAdvocateGivesViewsOnTheChildsBehalfAndSaysHowHonestly() {
        Staff advocate = Api.staff(Role.ADVOCATE, "Alex Advocate");
        Setting s = Setting.create("Eli", advocate.id());
        String summary = "Eli told me he feels safer since his uncle moved out, but he misses him.";
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/staff");
            assertThat(heading(page, "Sign in")).isVisible();
            check(page, "advocate-sign-in");
            page.locator("#email").fill(advocate.email());
            page.locator("#password").fill(Api.PASSWORD);
            button(page, "Sign in").click();

            assertThat(heading(page, "My children")).isVisible();
            check(page, "advocate-children");
            link(page, "Give views with or for Eli").click();
            assertThat(heading(page, "My views")).isVisible();
            check(page, "advocate-views");
            writeGoodThings(page, summary);

            button(page, "Who wrote this?").click();
            check(page, "advocate-authorship");
            page.getByLabel("My summary of the child's views").check();
            page.getByLabel("No", new Page.GetByLabelOptions().setExact(true)).check();
            button(page, "Save and continue").click();
            assertThat(page.getByText("Say why the child did not hear it read back").first()).isVisible();
            check(page, "advocate-authorship-error");
            page.locator("#notReadBackReason").fill("Eli was too upset to hear it read back today.");
            button(page, "Save and continue").click();

            button(page, "Check and send").click();
            assertThat(page.getByText("My summary of Eli's views.")).isVisible();
            check(page, "advocate-check");
            button(page, "Send my views").click();
            assertThat(heading(page, "Your views are sent")).isVisible();
        }
        Map<String, Object> latest = Api.as(s.chair()).get("/api/conferences/" + s.conference() + "/children/" + s.child() + "/views")
                .then().statusCode(200).extract().path("latest.content");
        assertEquals(summary, ((Map<?, ?>) latest.get("goodThings")).get("text"));
        Map<?, ?> authorship = (Map<?, ?>) latest.get("authorship");
        assertEquals("ADVOCATE_ON_BEHALF", authorship.get("kind"));
        assertEquals("Alex Advocate", authorship.get("helperName"));
        assertEquals(false, authorship.get("readBackAgreed"));
        assertEquals("Eli was too upset to hear it read back today.", authorship.get("notReadBackReason"));
    }

    @Test
    void welshAndArabicAreCompleteAndArabicReadsRightToLeft() {
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/");
            button(page, "Menu").click();
            page.getByLabel("Cymraeg").check();
            assertThat(page.locator("html")).hasAttribute("lang", "cy");
            button(page, "Cau").click();
            check(page, "language-welsh");

            button(page, "Dewislen").click();
            page.getByLabel("العربية").check();
            assertThat(page.locator("html")).hasAttribute("dir", "rtl");
            assertThat(page.locator("html")).hasAttribute("lang", "ar");
            check(page, "language-arabic-menu");
            page.locator("#menu .menu-actions button").last().click();
            check(page, "language-arabic");
            assertTrue(page.locator("main").innerText().chars().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.ARABIC));
        }
    }

    @Test
    void aChildWhoseViewsAreDueSoonIsToldCalmlyAndSeesHowMuchTheyCanStillWrite() {
        Setting s = Setting.create("Hal", null);
        Api.inTransaction(() -> io.quarkus.hibernate.reactive.panache.Panache.getSession().flatMap(session -> session
                .createNativeQuery("update conference set views_due = current_date where id = :id")
                .setParameter("id", s.conference()).executeUpdate()));
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            signUp(page, s);
            assertThat(page.getByText("Your views are due soon. If you want to, you can still send them.")).isVisible();
            check(page, "home-due-soon");

            button(page, "Give my views").click();
            button(page, "Good things").click();
            page.locator("#goodThings").fill("a".repeat(3900));
            assertThat(page.getByText("Characters left: 100")).isVisible();
            check(page, "topic-characters-left");
        }
    }

    @Test
    void tenMinutesWithoutUseLocksTheApp() {
        Setting s = Setting.create("Fin", null);
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.clock().install();
            signUp(page, s);
            page.clock().fastForward("09:00");
            assertThat(page.getByText("Your meeting is on")).isVisible();
            page.clock().fastForward("01:30");
            assertThat(heading(page, "Type your PIN")).isVisible();
            assertThat(page.getByText("MySay locked itself")).isVisible();
            check(page, "idle-locked");
        }
    }
}
