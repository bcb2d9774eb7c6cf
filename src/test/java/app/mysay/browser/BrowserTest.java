package app.mysay.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;

import app.mysay.support.Api;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * Real Chromium (Debian's, never a downloaded one) driving the app the service serves. Every screen a test visits
 * goes through {@link #check}: a screenshot under target/screenshots, axe-core with the WCAG 2.2 AA rule sets and no
 * violation allowed, and no sideways scrolling at 320 CSS pixels.
 */
public abstract class BrowserTest {

    static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    static Playwright playwright;
    static Browser browser;

    @TestHTTPResource("/")
    URL root;

    /** What Chromium refused under the service's Content-Security-Policy or Permissions-Policy, in any context. */
    final List<String> policyComplaints = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void launch() {
        // Assertions wait as long as actions do (the contexts' default timeout), not Playwright's 5 s.
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getProperty("chromium.path", "/usr/bin/chromium")))
                .setHeadless(true)
                // A fake microphone (a tone) that needs no prompt, for the voice notes.
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** A new phone: 360 by 740, its own cookies and storage. */
    BrowserContext phone() {
        return phone(null);
    }

    /** The same phone again, holding what it kept (cookies, local storage, IndexedDB: see storageState). */
    BrowserContext phone(String storageState) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(360, 740)
                .setDeviceScaleFactor(1)
                .setLocale("en-GB")
                .setStorageState(storageState)
                .setBaseURL(root.toString()));
        context.setDefaultTimeout(15_000);
        watchPolicies(context);
        return context;
    }

    /** A staff member's desk: 1280 by 900, its own cookies and storage. */
    BrowserContext desk() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900)
                .setDeviceScaleFactor(1)
                .setLocale("en-GB")
                .setBaseURL(root.toString()));
        context.setDefaultTimeout(15_000);
        watchPolicies(context);
        return context;
    }

    void watchPolicies(BrowserContext context) {
        context.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy") || message.text().contains("Permissions-Policy")) {
                policyComplaints.add(message.text());
            }
        });
    }

    /** Signs a member of staff in through the workspace's own sign-in page. */
    static void signIn(Page page, Api.Staff staff) {
        page.navigate("/staff");
        page.locator("#email").fill(staff.email());
        page.locator("#password").fill(Api.PASSWORD);
        button(page, "Sign in").click();
    }

    static Locator link(Page page, String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name));
    }

    /** Screenshot, accessibility and reflow for the screen now showing. */
    void check(Page page, String name) {
        page.waitForLoadState();
        page.locator("main h1").first().waitFor();
        assertTrue(policyComplaints.isEmpty(), "the browser refused something on or before '" + name + "': " + policyComplaints);
        Path shot = SCREENSHOTS.resolve(getClass().getSimpleName()).resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));

        AxeResults results = new AxeBuilder(page).withTags(WCAG_TAGS).analyze();
        if (!results.getViolations().isEmpty()) {
            fail("axe found accessibility problems on '" + name + "':\n" + results.getViolations().stream()
                    .map(v -> "  " + v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " at "
                            + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("\n")));
        }

        var size = page.viewportSize();
        page.setViewportSize(320, size.height);
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(getClass().getSimpleName())
                .resolve(name + "-320.png")).setFullPage(true));
        page.setViewportSize(size.width, size.height);
        assertTrue(((Number) overflow).intValue() <= 0, "'" + name + "' scrolls sideways at 320px by " + overflow + "px");
    }

    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }

    static Locator heading(Page page, String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setLevel(1));
    }
}
