package app.mysay.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import app.mysay.support.Commands;
import app.mysay.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The alert rules that ship in deploy/monitoring: Prometheus's own tool checks them and runs their unit tests (each
 * rule alerts when it should and not otherwise), and every metric and label they ask for is one this service
 * exports, so that a renamed metric cannot leave an alert silently watching nothing.
 */
@QuarkusTest
class AlertRulesTest {

    private static final Path MONITORING = Path.of("deploy", "monitoring");
    private static final Path RULES = MONITORING.resolve("mysay-alerts.yaml");
    private static final Pattern METRIC = Pattern.compile("\\b(mysay_[a-z_]+|http_server_requests_seconds_count)\\b");

    @Test
    void prometheusChecksTheRulesAndEachAlertsWhenItShouldAndOnlyThen() throws Exception {
        String checked = promtool("check", "rules", RULES.getFileName().toString());
        assertTrue(checked.contains("SUCCESS: 8 rules found"), checked);
        String tested = promtool("test", "rules", "mysay-alerts.test.yaml");
        assertTrue(tested.contains("SUCCESS"), tested);
    }

    @Test
    void everyMetricAndLabelTheRulesAskForIsOneTheServiceExports() throws IOException {
        // A refused sign-in, so that the refusals' series exist with their labels.
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "nobody@test.mysay.example", "password", "not the password"))
                .post("/api/auth/sign-in").then().statusCode(401);
        String exported = Management.metrics();

        Set<String> asked = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(RULES, StandardCharsets.UTF_8));
        while (m.find()) {
            asked.add(m.group(1));
        }
        assertTrue(asked.size() >= 6, "the rules' metrics: " + asked);
        List<String> missing = new ArrayList<>();
        for (String metric : asked) {
            if (!Pattern.compile("(?m)^" + Pattern.quote(metric) + "[{ ]").matcher(exported).find()) {
                missing.add(metric);
            }
        }
        assertEquals(List.of(), missing, "metrics the alert rules watch that the service does not export");
        assertTrue(Pattern.compile("(?m)^mysay_sign_in_failures_total\\{[^}]*kind=\"staff_password\"[^}]*"
                + "outcome=\"wrong\"").matcher(exported).find(), "refusals by kind and outcome");
        assertTrue(Pattern.compile("(?m)^http_server_requests_seconds_count\\{[^}]*status=\"401\"").matcher(exported)
                .find(), "answers by status");
    }

    private static String promtool(String... arguments) throws IOException, InterruptedException {
        // promtool comes with Debian's prometheus package (.ci/run installs it).
        return Commands.run(MONITORING, 120, Commands.line("promtool", arguments)).succeeded();
    }
}
