package app.mysay.security;

import static app.mysay.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.mysay.support.Waiting;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The sign-in limits behind the council's reverse proxy, with the deploy files' settings (forwarding on, the proxy's
 * address trusted): here the proxy is 127.0.0.1, which every request of the test comes from, and the address it adds
 * as the last hop of X-Forwarded-For is the client's. Whatever a caller writes in front of that hop is its own claim,
 * and must not buy it a fresh limit; IPv6 clients are counted per /64, the block one household or phone gets.
 */
@QuarkusTest
@TestProfile(ClientAddressBehindProxyTest.BehindAProxy.class)
class ClientAddressBehindProxyTest {

    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1",
                    "mysay.sign-in-limits.staff-per-address", "8",
                    "mysay.sign-in-limits.redeem-per-address", "4");
        }
    }

    @BeforeEach
    void noCounts() {
        Waiting.awayFromASignInWindowsEdge();
        SignInLimitsTest.sql("delete from sign_in_limit");
    }

    static Response redeem(String forwardedFor) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", forwardedFor)
                .body(Map.of("code", "not-a-code-" + UUID.randomUUID())).post("/api/child/redeem");
    }

    static Response staffSignIn(String forwardedFor) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", forwardedFor)
                .body(Map.of("email", "nobody-" + UUID.randomUUID() + "@test.mysay.example",
                        "password", SignInLimitsTest.WRONG))
                .post("/api/auth/sign-in");
    }

    @Test
    void redemptionsWithAForgedRotatingAddressInFrontOfTheProxysHopAreLimited() {
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            Response response = redeem("198.51.100." + i + ", 203.0.113.7");
            if (response.statusCode() == 429) {
                limited++;
            } else {
                problem(response, 400, "invitation-not-valid");
            }
        }
        assertEquals(26, limited, "30 redemptions from one real address, 4 allowed");
    }

    @Test
    void staffSignInsWithAForgedRotatingAddressAreLimited() {
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            Response response = staffSignIn("10.9." + i + ".1, 2001:db8:" + i + "::1, 203.0.113.8");
            if (response.statusCode() == 429) {
                limited++;
            } else {
                problem(response, 401, "sign-in-failed");
            }
        }
        assertEquals(22, limited, "30 sign-ins from one real address, 8 allowed");
    }

    @Test
    void trustedHopsAreSkippedAndEachRealAddressHasItsOwnLimit() {
        for (int i = 0; i < 4; i++) {
            problem(redeem("forged-" + i + ", 203.0.113.30, 127.0.0.1"), 400, "invitation-not-valid");
        }
        problem(redeem("203.0.113.30"), 429, "too-many-attempts");
        // Another client of the same proxy is not held by the first one's limit.
        problem(redeem("203.0.113.31"), 400, "invitation-not-valid");
    }

    @Test
    void twoIpv6AddressesInOneSlash64ShareALimit() {
        problem(redeem("2001:db8:5:6::1"), 400, "invitation-not-valid");
        problem(redeem("[2001:db8:5:6::1]:4711"), 400, "invitation-not-valid");
        problem(redeem("2001:db8:5:6:abcd:ef01:2345:6789"), 400, "invitation-not-valid");
        problem(redeem("2001:0db8:0005:0006:ffff::9"), 400, "invitation-not-valid");
        problem(redeem("2001:db8:5:6:1234::"), 429, "too-many-attempts");
        // The next /64 is someone else.
        problem(redeem("2001:db8:5:7::1"), 400, "invitation-not-valid");
    }
}
