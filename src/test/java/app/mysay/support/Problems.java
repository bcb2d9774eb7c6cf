package app.mysay.support;

import static org.hamcrest.Matchers.blankOrNullString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** Assertions that an answer is an RFC 9457 problem a person can act on. */
public final class Problems {

    private Problems() {
    }

    public static ValidatableResponse problem(Response response, int status, String type) {
        return response.then().statusCode(status)
                .header("Content-Type", startsWith("application/problem+json"))
                .body("type", equalTo("https://mysay.example/problems/" + type))
                .body("status", equalTo(status))
                .body("title", not(blankOrNullString()))
                .body("detail", not(blankOrNullString()));
    }

    /** A validation problem naming exactly these fields, each with a reason a person can act on. */
    public static ValidatableResponse invalid(Response response, String... fields) {
        ValidatableResponse then = problem(response, 400, "validation").body("invalidParams.name", contains(fields));
        for (int i = 0; i < fields.length; i++) {
            then.body("invalidParams[" + i + "].reason", not(blankOrNullString()));
        }
        return then;
    }

    /**
     * The answer's body without its {@code requestId}, which differs for every request: for comparing answers that
     * must tell the caller nothing more than each other.
     */
    public static String withoutRequestId(Response response) {
        String body = response.asString();
        String id = response.header("X-Request-Id");
        return id == null ? body : body.replace(",\"requestId\":\"" + id + "\"", "");
    }
}
