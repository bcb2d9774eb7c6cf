package app.mysay.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Management;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServiceEndpointsTest {

    @Test
    void theApiIsDocumentedAsOpenApiOnTheManagementPort() {
        Management.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("MySay API"))
                .body("paths", hasKey("/api/child/conferences/{conferenceId}/views/send"))
                .body("paths", hasKey("/api/conferences/{conferenceId}/children/{childId}/views"))
                .body("paths", hasKey("/api/conferences/{conferenceId}/summary"))
                .body("paths", hasKey("/api/auth/sign-in"));
    }

    @Test
    void healthChecksAnswerOnTheManagementPortAndReadinessIncludesTheDatabase() {
        Management.given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name.contains('Reactive PostgreSQL') }.status", equalTo("UP"));
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("mysay_notifications_pending "));
    }

    @Test
    void healthMetricsAndTheApiDescriptionAreNotOnThePublicPort() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui")) {
            assertEquals(404, given().get(path).statusCode(), path);
        }
    }

    @Test
    void apiAnswersAreNeverStoredAndNeverSniffed() {
        Api.as(Api.staff(Role.SOCIAL_WORKER)).get("/api/children").then().statusCode(200)
                .header("Cache-Control", equalTo("no-store"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"));
        given().get("/api/children").then().statusCode(401)
                .header("Cache-Control", equalTo("no-store"))
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Please sign in"));
    }

    @Test
    void theAppShellIsAlwaysCheckedAndItsHashedFilesKeptForAYearCompressed() {
        String html = given().header("Accept-Encoding", "gzip").get("/").then().statusCode(200)
                .header("Cache-Control", equalTo("no-cache"))
                .header("Content-Encoding", equalTo("gzip"))
                .extract().asString();
        String script = html.replaceAll("(?s).*<script type=\"module\"[^>]*src=\"(/assets/[^\"]+)\".*", "$1");
        given().header("Accept-Encoding", "gzip").get(script).then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
                .header("Content-Encoding", equalTo("gzip"));
        given().get("/sw.js").then().statusCode(200).header("Cache-Control", equalTo("no-cache"));
        given().get("/join").then().statusCode(200).header("Cache-Control", equalTo("no-cache"))
                .body(containsString("<title>MySay</title>"));
        given().get("/manifest.json").then().statusCode(200).contentType(containsString("json"))
                .body("name", equalTo("MySay"));
    }

    @Test
    void theFrontEndIsServedAtTheRoot() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<title>MySay</title>"));
    }
}
