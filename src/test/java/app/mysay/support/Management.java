package app.mysay.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The management interface (health, metrics, the API description), on its own port: a random free one in the tests,
 * which Quarkus publishes as {@code quarkus.management.test-port} once it listens.
 */
public final class Management {

    private Management() {
    }

    public static int port() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        if (port <= 0) {
            throw new IllegalStateException("the management interface's port is not known");
        }
        return port;
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    /** The Prometheus text. */
    public static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /**
     * One sample's value, by its name and its labels exactly as Prometheus writes them (sorted, e.g.
     * {@code kind="child_pin",outcome="wrong"}); 0 when the series is absent (nothing counted yet).
     */
    public static double metric(String name, String labels) {
        String series = labels == null || labels.isEmpty() ? name : name + "{" + labels + "}";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
