package app.mysay.accounts;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * {@code mysay_staff_sign_in_resets_total{reset=...}}: a manager reset someone's sign-in (their password, or their
 * password and second factor). Rare by nature, so every one alerts ({@code MySayStaffSignInReset}): the council's
 * security team hears of it beside the audit event, and can ask whether it was meant. Registered at start-up, so the
 * series exist (at 0) before the first reset.
 */
@Startup
@ApplicationScoped
public class SignInResetMetrics {

    private final Counter password;
    private final Counter passwordAndSecondFactor;

    SignInResetMetrics(MeterRegistry registry) {
        this.password = counter(registry, "password");
        this.passwordAndSecondFactor = counter(registry, "password-and-second-factor");
    }

    private static Counter counter(MeterRegistry registry, String reset) {
        return Counter.builder("mysay.staff.sign-in-resets").tag("reset", reset)
                .description("Staff sign-ins reset by a manager (password, or password and second factor)")
                .register(registry);
    }

    void counted(boolean secondFactorToo) {
        (secondFactorToo ? passwordAndSecondFactor : password).increment();
    }
}
