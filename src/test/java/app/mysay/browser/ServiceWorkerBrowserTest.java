package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;

import io.quarkus.test.junit.QuarkusTest;

/** The service worker: what it keeps, and how a phone moves from one build of MySay to the next. */
@QuarkusTest
class ServiceWorkerBrowserTest extends BrowserTest {

    /** Every kept answer whose address is a script but whose type is not JavaScript, over all of the origin's caches. */
    static final String HTML_KEPT_AS_SCRIPT = """
            async () => {
              const wrong = [];
              for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                  const type = (await cache.match(request)).headers.get('content-type') || '';
                  if (new URL(request.url).pathname.endsWith('.js') && !type.includes('javascript')) wrong.push(name + ' ' + request.url + ' ' + type);
                }
              }
              return wrong.join(', ');
            }""";

    /** Every kept address, over all of the origin's caches, as "cache-name address" lines. */
    static final String KEPT = """
            async () => {
              const kept = [];
              for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) kept.push(name + ' ' + new URL(request.url).pathname);
              }
              return kept.join('\\n');
            }""";

    static final String NEW_TITLE = "Hello, this is the new MySay";
    static final String NOTICE_EN = "A new version of MySay is ready.";
    static final String NOTICE_CY = "Mae fersiwn newydd o MySay yn barod.";
    static final String NOTICE_AR = "نسخة جديدة من MySay جاهزة.";

    static Locator menuButton(Page page) {
        return button(page, "Menu").or(button(page, "Dewislen")).or(button(page, "القائمة"));
    }

    static void chooseLanguage(Page page, String name) {
        if (page.locator("#menu").count() == 0) {
            menuButton(page).click();
        }
        page.getByLabel(name).check();
    }

    static void closeMenu(Page page) {
        button(page, "Close").or(button(page, "Cau")).or(button(page, "إغلاق")).click();
    }

    static List<String> kept(Page page) {
        String all = (String) page.evaluate(KEPT);
        return all.isEmpty() ? List.of() : Arrays.asList(all.split("\n"));
    }

    static void waitForTheServiceWorker(Page page) {
        page.waitForFunction("() => !!navigator.serviceWorker.controller");
    }

    /**
     * Waits until an async function in the page gives a truthy value (Playwright's waitForFunction takes the promise
     * itself for true), across navigations, for up to 15 seconds.
     */
    static void eventually(Page page, String asyncPredicate) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            try {
                Object result = page.evaluate(asyncPredicate);
                if (result != null && !Boolean.FALSE.equals(result) && !"".equals(result)) {
                    return;
                }
            } catch (com.microsoft.playwright.PlaywrightException navigating) {
                // the page was reloading: ask again
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("never true: " + asyncPredicate);
            }
            page.waitForTimeout(250);
        }
    }

    /** A phone whose MySay is at the given address (two instances behind one address). */
    BrowserContext phoneAt(String address) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(360, 740)
                .setDeviceScaleFactor(1)
                .setLocale("en-GB")
                .setBaseURL(address));
        context.setDefaultTimeout(15_000);
        watchPolicies(context);
        return context;
    }

    @Test
    void afterOneVisitMySayOpensWithNoSignalInEnglishWelshOrArabicAndKeepsNothingFromTheApi() {
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/");
            assertThat(heading(page, "Hello, this is MySay")).isVisible();
            waitForTheServiceWorker(page);

            List<String> kept = kept(page);
            String build = kept.get(0).replaceAll("^mysay-(?:shell|assets)-([0-9a-f]{16}) .*$", "$1");
            assertTrue(build.matches("[0-9a-f]{16}"), "caches are named by the build: " + kept);
            for (String cache : kept.stream().map(line -> line.split(" ")[0]).distinct().toList()) {
                assertTrue(cache.equals("mysay-shell-" + build) || cache.equals("mysay-assets-" + build), "one build's caches only: " + kept);
            }
            for (String file : List.of("mysay-shell-" + build + " /", "mysay-shell-" + build + " /manifest.json", "mysay-shell-" + build + " /icon.svg")) {
                assertTrue(kept.contains(file), file + " is kept: " + kept);
            }
            for (String chunk : List.of("/assets/cy-", "/assets/ar-", "/assets/StaffApp-")) {
                assertTrue(kept.stream().anyMatch(line -> line.startsWith("mysay-assets-" + build + " " + chunk)), chunk + " is kept: " + kept);
            }
            assertFalse(kept.stream().anyMatch(line -> line.contains(" /api")), "nothing from the API is ever kept: " + kept);

            // No signal from now on: the app, Welsh chosen first, then Arabic.
            context.setOffline(true);
            page.reload();
            assertThat(heading(page, "Hello, this is MySay")).isVisible();
            chooseLanguage(page, "Cymraeg");
            assertThat(heading(page, "Helo, dyma MySay")).isVisible();
            closeMenu(page);
            check(page, "offline-welsh");
            chooseLanguage(page, "العربية");
            assertThat(heading(page, "مرحبًا، هذا هو MySay")).isVisible();
            assertThat(page.locator("html")).hasAttribute("dir", "rtl");
            closeMenu(page);
            check(page, "offline-arabic");

            // The staff's workspace is kept too: it opens at its sign-in page (which needs a signal to go further).
            page.navigate("/staff");
            assertThat(heading(page, "Sign in")).isVisible();
        }
    }

    @Test
    void aFileOfTheBuildThatComesAsThePageIsNeverKeptAndTheBuildIsKeptWholeOnceItComesRight() {
        String page200 = given().get("/").then().statusCode(200).extract().asString();
        AtomicBoolean wrongAnswer = new AtomicBoolean(true);
        AtomicInteger asked = new AtomicInteger();
        try (BrowserContext context = phone()) {
            context.route(Pattern.compile(".*/assets/cy-[^/]*\\.js$"), (Route route) -> {
                asked.incrementAndGet();
                if (wrongAnswer.get()) {
                    route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/html;charset=UTF-8").setBody(page200));
                } else {
                    route.resume();
                }
            });
            Page page = context.newPage();
            page.navigate("/");
            assertThat(heading(page, "Hello, this is MySay")).isVisible();
            // The service worker asks for the Welsh file, and again, and again, and gives up installing this build.
            page.waitForCondition(() -> asked.get() >= 3);
            eventually(page, "() => navigator.serviceWorker.getRegistration().then((r) => !r || !r.installing)");
            assertEquals("", page.evaluate(HTML_KEPT_AS_SCRIPT), "no page is ever kept as a script");
            assertEquals(false, page.evaluate("() => !!navigator.serviceWorker.controller"), "a build missing a file is not installed");

            // The file comes right: the next visit installs the build whole, and Welsh opens with no signal.
            wrongAnswer.set(false);
            page.reload();
            waitForTheServiceWorker(page);
            context.setOffline(true);
            page.reload();
            chooseLanguage(page, "Cymraeg");
            assertThat(heading(page, "Helo, dyma MySay")).isVisible();
            assertEquals("", page.evaluate(HTML_KEPT_AS_SCRIPT), "no page is ever kept as a script");
        }
    }

    @Test
    void aScriptAnsweredWithTheAppsPageIsNeverKeptSoWelshOpensOnceTheRightFileIsServed() {
        // What a server with SPA routing answers for an asset it does not have: 200 and the page.
        String page200 = given().get("/").then().statusCode(200).extract().asString();
        AtomicBoolean wrongAnswer = new AtomicBoolean(false);
        try (BrowserContext context = phone()) {
            context.route(Pattern.compile(".*/assets/cy-[^/]*\\.js$"), (Route route) -> {
                if (wrongAnswer.get()) {
                    route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/html;charset=UTF-8").setBody(page200));
                } else {
                    route.resume();
                }
            });
            Page page = context.newPage();
            page.navigate("/");
            assertThat(heading(page, "Hello, this is MySay")).isVisible();
            page.waitForFunction("() => !!navigator.serviceWorker.controller");

            // During a rolling deploy the Welsh script is asked of an instance that does not have it.
            wrongAnswer.set(true);
            chooseLanguage(page, "Cymraeg");
            page.waitForTimeout(1_000);

            // The deploy is over: every instance has the file. Choosing Welsh again must work.
            wrongAnswer.set(false);
            page.evaluate("() => localStorage.removeItem('lang')");
            page.reload();
            assertThat(heading(page, "Hello, this is MySay")).isVisible();
            chooseLanguage(page, "Cymraeg");
            assertThat(heading(page, "Helo, dyma MySay")).isVisible();
            assertEquals("", page.evaluate(HTML_KEPT_AS_SCRIPT), "no page is ever kept as a script");
        }
    }

    @Test
    void aPhoneMovesToTheNextBuildWhenTheChildSaysSoNeverWhileTheyTypeAndNeverBlank() throws Exception {
        Path next = TwoBuilds.nextBuild(NEW_TITLE);
        try (TwoBuilds twoBuilds = new TwoBuilds(root.toURI(), next); BrowserContext context = phoneAt(twoBuilds.address())) {
            Page page = context.newPage();
            page.navigate("/");
            assertThat(heading(page, "Hello, this is MySay")).isVisible();
            waitForTheServiceWorker(page);
            String first = kept(page).get(0).split(" ")[0].replaceAll("^mysay-(?:shell|assets)-", "");

            // The rolling deploy: the two instances answer in turn. Whichever page comes, it opens, never blank.
            twoBuilds.serving = TwoBuilds.Serving.IN_TURN;
            List<String> seen = new java.util.ArrayList<>();
            for (int visit = 0; visit < 4; visit++) {
                page.reload();
                assertThat(heading(page, "Hello, this is MySay").or(heading(page, NEW_TITLE))).isVisible();
                seen.add(page.locator("main h1").innerText());
                assertEquals("", page.evaluate(HTML_KEPT_AS_SCRIPT), "no page is ever kept as a script");
            }
            assertTrue(seen.contains(NEW_TITLE), "the next build's page came too, and opened: " + seen);
            assertTrue(twoBuilds.answeredByB.get() > 0);
            context.setOffline(true);
            page.reload();
            assertThat(heading(page, "Hello, this is MySay").or(heading(page, NEW_TITLE))).isVisible();
            context.setOffline(false);

            // The phone has the last build's page open; the child starts typing their code.
            twoBuilds.serving = TwoBuilds.Serving.A;
            page.reload();
            assertThat(heading(page, "Hello, this is MySay")).isVisible();
            button(page, "Start").click();
            page.locator("#code").fill("ABCD");

            // The deploy is over: only the next build is served. The phone finds it and installs it.
            twoBuilds.serving = TwoBuilds.Serving.B;
            eventually(page, """
                    () => navigator.serviceWorker.getRegistration()
                      .then((r) => r.waiting || r.update().then(() => r.waiting))
                      .then((waiting) => !!waiting)""");
            page.waitForTimeout(500);
            assertThat(page.getByText(NOTICE_EN)).isHidden();
            assertEquals("ABCD", page.locator("#code").inputValue(), "nothing the child typed is touched");

            // On a screen with nothing to type into, MySay says so, in the child's language.
            menuButton(page).click();
            button(page, "What is a conference?").click();
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS).filter(
                    new Locator.FilterOptions().setHasText(NOTICE_EN))).isVisible();
            check(page, "new-version-en");
            // Its own build's Welsh and Arabic, though no instance serves them any more.
            chooseLanguage(page, "Cymraeg");
            closeMenu(page);
            assertThat(page.getByText(NOTICE_CY)).isVisible();
            check(page, "new-version-cy");
            chooseLanguage(page, "العربية");
            closeMenu(page);
            assertThat(page.getByText(NOTICE_AR)).isVisible();
            check(page, "new-version-ar");
            chooseLanguage(page, "English");
            closeMenu(page);

            // By keyboard: the button takes the new version, and the page reloads into it.
            button(page, "Use the new version").focus();
            page.keyboard().press("Enter");
            assertThat(heading(page, NEW_TITLE)).isVisible();
            waitForTheServiceWorker(page);
            List<String> kept = kept(page);
            assertFalse(kept.isEmpty());
            assertTrue(kept.stream().noneMatch(line -> line.contains(first)), "the last build's caches are gone: " + kept);
            assertEquals("", page.evaluate(HTML_KEPT_AS_SCRIPT), "no page is ever kept as a script");
            assertThat(page.getByText(NOTICE_EN)).isHidden();

            // And the new build opens with no signal, Welsh too.
            context.setOffline(true);
            page.reload();
            assertThat(heading(page, NEW_TITLE)).isVisible();
            chooseLanguage(page, "Cymraeg");
            assertThat(heading(page, "Helo, dyma MySay")).isVisible();
        }
    }

    @Test
    void aPhoneWhoseOldServiceWorkerKeptThePageAsAScriptRecoversWithoutClearingAnything() {
        String page200 = given().get("/").then().statusCode(200).extract().asString();
        String unversioned = new String(readResource("/browser/sw-unversioned.js"), java.nio.charset.StandardCharsets.UTF_8);
        try (BrowserContext context = phone()) {
            // The phone installed MySay under the service worker from before build lists (web/public/sw.js until now).
            context.route("**/sw.js", (Route route) -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("text/javascript").setBody(unversioned)));
            Pattern welsh = Pattern.compile(".*/assets/cy-[^/]*\\.js$");
            context.route(welsh, (Route route) -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("text/html;charset=UTF-8").setBody(page200)));
            Page page = context.newPage();
            page.navigate("/");
            assertThat(heading(page, "Hello, this is MySay")).isVisible();
            waitForTheServiceWorker(page);
            // During a deploy it was answered the page for the Welsh script, and kept it: Welsh is broken for good.
            // (This release's app reloads once when a part fails to load; it stays broken all the same.)
            chooseLanguage(page, "Cymraeg");
            eventually(page, HTML_KEPT_AS_SCRIPT);
            page.waitForLoadState();
            context.unroute(welsh);
            context.unroute("**/sw.js");

            // This release's service worker arrives at the next check, takes over at once and drops the old cache.
            eventually(page, """
                    () => navigator.serviceWorker.getRegistration().then((r) => r.update())
                      .then(() => caches.keys()).then((names) => !names.includes('app-shell-v1') && names.length > 0)""");
            assertEquals("", page.evaluate(HTML_KEPT_AS_SCRIPT), "no page is kept as a script any more");
            page.evaluate("() => localStorage.removeItem('lang')");
            page.reload();
            chooseLanguage(page, "Cymraeg");
            assertThat(heading(page, "Helo, dyma MySay")).isVisible();
        }
    }

    static byte[] readResource(String name) {
        try (var in = ServiceWorkerBrowserTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("no " + name, e);
        }
    }
}
