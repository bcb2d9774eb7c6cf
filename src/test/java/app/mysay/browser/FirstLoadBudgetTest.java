package app.mysay.browser;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A child on a cheap phone with poor signal: the first visit may download at most 60 KB of HTML, JavaScript and CSS,
 * gzip-compressed. Staff pages and other languages must load only when needed.
 */
@QuarkusTest
class FirstLoadBudgetTest {

    static final int BUDGET_BYTES = 60 * 1024;
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+\\.(?:js|css))\"");

    @Test
    void theChildsFirstVisitStaysWithinSixtyKilobytesGzipped() throws IOException {
        String html = given().get("/").then().statusCode(200).extract().asString();
        Set<String> assets = new LinkedHashSet<>();
        Matcher m = ASSET.matcher(html);
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertFalse(assets.isEmpty(), "the page loads its scripts and styles from /assets");

        List<String> report = new ArrayList<>();
        long total = gzipped(html.getBytes());
        report.add("/ " + total);
        for (String asset : assets) {
            byte[] body = given().get(asset).then().statusCode(200).extract().asByteArray();
            long size = gzipped(body);
            report.add(asset + " " + size);
            total += size;
        }
        assertTrue(total <= BUDGET_BYTES, "first visit is " + total + " bytes gzipped, over the " + BUDGET_BYTES
                + " byte budget: " + report);
        System.out.println("First visit, gzipped: " + total + " bytes " + report);
    }

    @Test
    void staffPagesAndOtherLanguagesAreNotPartOfTheFirstVisit() {
        String html = given().get("/").then().statusCode(200).extract().asString();
        assertFalse(html.contains("StaffApp"), "the staff pages are split out");
        String entry = html.replaceAll("(?s).*<script type=\"module\"[^>]*src=\"(/assets/[^\"]+)\".*", "$1");
        String script = given().get(entry).then().statusCode(200).extract().asString();
        assertFalse(script.contains("Cynhadledd") || script.contains("cynhadledd"), "Welsh loads only when chosen");
        assertTrue(script.contains("StaffApp"), "the entry only refers to the staff chunk, to load it on /staff");
    }

    private static long gzipped(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(body);
        }
        return out.size();
    }
}
