package app.mysay.security;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import app.mysay.common.ApiProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts refused sign-ins for the metric {@code mysay.sign.in.failures} (Prometheus:
 * {@code mysay_sign_in_failures_total}), tagged by {@code kind} and {@code outcome} only, and writes one log line for
 * each, naming neither the account, the device nor the client address (the request id ties it to its request).
 * The outcome is read from the refusal the caller gets, so the metric counts exactly what callers were answered.
 */
@ApplicationScoped
public class SignInFailures {

    private static final Logger LOG = Logger.getLogger(SignInFailures.class);

    /** Which way in was refused. */
    public enum Kind {
        STAFF_PASSWORD, SECOND_FACTOR, CHILD_PIN, INVITATION_REDEEM
    }

    /** Why: a wrong password, code, PIN or invitation code; over a sign-in limit (429); a locked device (423). */
    public enum Outcome {
        WRONG, LIMITED, LOCKED
    }

    private final Map<Kind, Map<Outcome, Counter>> counters = new EnumMap<>(Kind.class);

    SignInFailures(MeterRegistry registry) {
        for (Kind kind : Kind.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, Counter.builder("mysay.sign.in.failures")
                        .description("Refused sign-in attempts, by way in and by why")
                        .tag("kind", tag(kind)).tag("outcome", tag(outcome)).register(registry));
            }
            counters.put(kind, byOutcome);
        }
    }

    /** Counts the failure if it is a refusal of this way in; anything else (a typo in the form, an outage) is not. */
    public void refused(Kind kind, Throwable failure) {
        if (failure instanceof ApiProblem problem) {
            Outcome outcome = outcome(problem);
            if (outcome != null) {
                counters.get(kind).get(outcome).increment();
                LOG.infof("Sign-in refused: %s, %s", tag(kind), tag(outcome));
            }
        }
    }

    static Outcome outcome(ApiProblem problem) {
        String type = problem.type().getPath();
        String name = type.substring(type.lastIndexOf('/') + 1);
        return switch (name) {
            case "sign-in-failed", "second-factor-failed", "pin-not-right", "invitation-not-valid",
                    "confirm-it-is-you" -> Outcome.WRONG;
            case "too-many-attempts" -> Outcome.LIMITED;
            case "locked" -> Outcome.LOCKED;
            default -> null;
        };
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
