package app.mysay.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** How many sign-in attempts are allowed per window, per kind ({@link SignInLimits}). */
@ConfigMapping(prefix = "mysay.sign-in-limits")
public interface SignInLimitSettings {

    /** Staff sign-in attempts per e-mail address (whether or not it has an account) and window. */
    int staffPerAccount();

    /** Staff sign-in attempts per client address and window, across all e-mail addresses. */
    int staffPerAddress();

    Duration staffWindow();

    /** Second-factor codes per staff account and window, across sign-in challenges (each allows a few). */
    int secondFactorPerAccount();

    Duration secondFactorWindow();

    /** Invitation redemptions per client address and window. */
    int redeemPerAddress();

    Duration redeemWindow();

    /** PIN attempts (choosing and signing in) per device and window, on top of the lock after wrong PINs. */
    int pinPerDevice();

    /** PIN attempts per client address and window, across all devices. */
    int pinPerAddress();

    Duration pinWindow();

    /** How often windows that have ended are deleted (a scheduler period, or "off"). */
    String cleanupEvery();
}
