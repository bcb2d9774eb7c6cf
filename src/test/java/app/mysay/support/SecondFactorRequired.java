package app.mysay.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The council requires a second factor (production's default; the tests' default leaves it to each account), and
 * codes are limited to 7 an hour per account.
 */
public class SecondFactorRequired implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mysay.second-factor.required", "true",
                "mysay.sign-in-limits.second-factor-per-account", "7");
    }
}
