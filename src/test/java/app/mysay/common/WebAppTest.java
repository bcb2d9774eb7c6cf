package app.mysay.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The app's screens are one page; a file that is not there is a 404. During a rolling deploy a phone running one build
 * may ask the other for its scripts: an HTML page answered for a script would be kept as the script and blank the app.
 */
@QuarkusTest
class WebAppTest {

    @Test
    void aScriptOrStyleSheetThatIsNotThereIsNotFoundNotThePage() {
        for (String missing : new String[] { "/assets/does-not-exist.js", "/assets/index-0000aaaa.css",
                "/assets/no-extension", "/assets/", "/sw-old.js", "/does/not/exist.png", "/favicon.ico" }) {
            given().get(missing).then().statusCode(404)
                    .header("Cache-Control", "no-store")
                    .body(not(containsString("<div id=\"app\"")));
        }
    }

    @Test
    void theAppsScreensAreItsPageAndItsOwnFilesAreServed() {
        for (String screen : new String[] { "/", "/join", "/staff", "/staff/children/1b2c", "/views/check" }) {
            given().get(screen).then().statusCode(200)
                    .header("Content-Type", startsWith("text/html"))
                    .header("Cache-Control", containsString("no"))
                    .body(containsString("<div id=\"app\""));
        }
        given().head("/staff").then().statusCode(200);
        given().get("/sw.js").then().statusCode(200).header("Content-Type", containsString("javascript"));
        given().get("/manifest.json").then().statusCode(200);
    }

    @Test
    void onlyTheBuildsOwnFilesAreKeptForAYear() {
        String page = given().get("/").then().statusCode(200).extract().asString();
        java.util.regex.Matcher script = java.util.regex.Pattern.compile("/assets/[^\"]+\\.js").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(script.find(), "the page names its script");
        given().get(script.group()).then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable");
        given().get("/assets/index-00000000.js").then().statusCode(404).header("Cache-Control", "no-store");
    }

    @Test
    void theApiAndManagementPathsAreNeverThePage() {
        given().get("/api/no-such-thing").then().statusCode(404).body(not(containsString("<div id=\"app\"")));
        given().get("/q/no-such-thing").then().statusCode(404).body(not(containsString("<div id=\"app\"")));
    }

    @Test
    void onlyReadingGetsThePage() {
        given().post("/staff/children").then().statusCode(org.hamcrest.Matchers.not(200));
    }
}
