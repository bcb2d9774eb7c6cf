package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
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
                  if (new URL(request.url).pathname.endsWith('.js') && !type.includes('javascript')) wrong.push(request.url + ' ' + type);
                }
              }
              return wrong.join(', ');
            }""";

    static void chooseLanguage(Page page, String name) {
        button(page, "Menu").or(button(page, "Dewislen")).or(button(page, "القائمة")).click();
        page.getByLabel(name).check();
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
            page.reload();
            assertThat(heading(page, "Hello, this is MySay")).isVisible();
            chooseLanguage(page, "Cymraeg");
            assertThat(heading(page, "Helo, dyma MySay")).isVisible();
            assertEquals("", page.evaluate(HTML_KEPT_AS_SCRIPT), "no page is ever kept as a script");
        }
    }
}
