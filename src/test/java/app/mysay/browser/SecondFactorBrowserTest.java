package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import app.mysay.support.GreenMailResource;
import app.mysay.support.GreenMailResource.InjectGreenMail;
import app.mysay.support.PasswordLinks;
import app.mysay.support.SecondFactorRequired;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Two-step sign-in where the council requires it, in Chromium: a social worker's first sign-in sets up an
 * authenticator app (the key typed by hand, a wrong code first), saves the recovery codes, later signs in with a code
 * and with a recovery code, and changes their password; a manager resets a lost second factor. Codes come from the
 * TOTP library on its own, as a phone's app would make them. Every screen is checked with axe and at 320 px.
 */
@QuarkusTest
@TestProfile(SecondFactorRequired.class)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class SecondFactorBrowserTest extends BrowserTest {

    @InjectGreenMail
    GreenMail greenMail;

    static String code(String secret, int stepsAhead) {
        try {
            return new DefaultCodeGenerator().generate(secret, Instant.now().getEpochSecond() / 30 + stepsAhead);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    static void password(Page page, Staff staff, String password) {
        page.navigate("/staff");
        assertThat(heading(page, "Sign in")).isVisible();
        page.locator("#email").fill(staff.email());
        page.locator("#password").fill(password);
        button(page, "Sign in").click();
        // The password is hashed slowly on purpose (Argon2id); on a busy machine that takes a while.
        heading(page, "Sign in").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED)
                .setTimeout(60_000));
    }

    /** The first sign-in: set up an app, typing the key; answers the secret and the recovery codes. */
    String[] setUpAtSignIn(Page page, Staff staff, boolean look) {
        password(page, staff, Api.PASSWORD);
        assertThat(heading(page, "Set up two-step sign-in")).isVisible();
        if (look) {
            check(page, "set-up-start");
        }
        button(page, "Start").click();
        assertThat(page.locator("svg.qr")).isVisible();
        page.getByText("I cannot scan the QR code").click();
        String secret = page.locator(".secret-key").innerText().replace(" ", "");
        assertEquals(32, secret.length(), secret);
        if (look) {
            check(page, "set-up-qr");
            page.locator("#setup-code").fill("12345");
            button(page, "Confirm").click();
            assertThat(page.locator(".error-summary")).containsText("6-digit code");
            page.locator("#setup-code").fill(code(secret, 0).equals("000000") ? "111111" : "000000");
            button(page, "Confirm").click();
            assertThat(page.locator(".error-summary")).containsText("not right");
            check(page, "set-up-wrong-code");
        }
        page.locator("#setup-code").fill(code(secret, 0));
        button(page, "Confirm").click();
        assertThat(heading(page, "Save your recovery codes")).isVisible();
        List<String> codes = page.locator(".code-list li").allInnerTexts();
        assertEquals(10, codes.size());
        if (look) {
            check(page, "recovery-codes");
        }
        button(page, "I have saved my codes – continue").click();
        return new String[] { secret, codes.get(0), codes.get(1) };
    }

    @Test
    void aSocialWorkerSetsUpTwoStepSignInUsesItAndAManagerResetsIt() {
        Staff worker = Api.account(Role.SOCIAL_WORKER, "Sol Worker " + Api.shortId());
        Staff manager = Api.account(Role.MANAGER, "Mo Manager " + Api.shortId());
        String[] setUp;
        try (BrowserContext context = desk()) {
            Page page = context.newPage();
            setUp = setUpAtSignIn(page, worker, true);
            home(page, "My children and families");

            // The account page: two-step sign-in is on, and the council requires it, so it cannot be turned off.
            page.locator("a.signed-in-as").click();
            assertThat(heading(page, "Your account")).isVisible();
            assertThat(page.locator("main")).containsText("10 of 10");
            assertFalse(button(page, "Turn off two-step sign-in").isVisible());
            check(page, "account");

            button(page, "Change your password").click();
            page.locator("#current-password").fill("not my password");
            page.locator("#new-password").fill("a brand new office password");
            page.locator("#new-password-again").fill("a brand new office password");
            button(page, "Change password").click();
            assertThat(page.locator(".error-summary")).containsText("not your current password");
            check(page, "change-password-wrong");
            page.locator("#current-password").fill(Api.PASSWORD);
            button(page, "Change password").click();
            assertThat(page.locator(".notice")).containsText("Your password is changed");
            signOut(page);

            // A code from the app.
            password(page, worker, "a brand new office password");
            assertThat(heading(page, "Enter the code from your authenticator app")).isVisible();
            check(page, "enter-code");
            page.locator("#code").fill(code(setUp[0], 1));
            button(page, "Continue").click();
            home(page, "My children and families");
            signOut(page);

            // No phone: a recovery code, once.
            password(page, worker, "a brand new office password");
            button(page, "I do not have my phone: use a recovery code").click();
            assertThat(heading(page, "Enter a recovery code")).isVisible();
            page.locator("#recovery-code").fill(setUp[1].toUpperCase());
            button(page, "Continue").click();
            home(page, "My children and families");
            signOut(page);
            password(page, worker, "a brand new office password");
            button(page, "I do not have my phone: use a recovery code").click();
            page.locator("#recovery-code").fill(setUp[1]);
            button(page, "Continue").click();
            assertThat(page.locator(".error-summary")).containsText("used already");
            check(page, "recovery-code-used");
        }

        int mailsBefore = PasswordLinks.mailsTo(greenMail, worker.email()).size();
        try (BrowserContext context = desk()) {
            Page page = context.newPage();
            String managerSecret = setUpAtSignIn(page, manager, false)[0];
            home(page, "Participation figures");
            link(page, "Staff accounts").click();
            assertThat(heading(page, "Staff accounts")).isVisible();
            check(page, "staff-accounts");
            button(page, "Reset two-step sign-in for " + nameOf(page, worker)).click();
            assertThat(page.locator("main h1")).containsText("Reset");
            check(page, "reset-confirm");
            // The manager confirms it is them: their own password and code. A wrong password is refused.
            page.locator("#my-password").fill("not my password at all");
            page.locator("#my-code").fill(code(managerSecret, 1));
            button(page, "Reset two-step sign-in").click();
            assertThat(page.locator(".error-summary")).containsText("not right");
            check(page, "reset-confirm-wrong");
            page.locator("#my-password").fill(Api.PASSWORD);
            page.locator("#my-code").fill(code(managerSecret, 1));
            button(page, "Reset two-step sign-in").click();
            assertThat(page.locator(".notice")).containsText("two-step sign-in is reset");
            signOut(page);
        }

        // After the reset, the old password is gone: the social worker sets a new one through the e-mailed link, and
        // their next sign-in sets up an app again.
        String token = PasswordLinks.awaitToken(greenMail, worker.email(), mailsBefore);
        try (BrowserContext context = desk()) {
            Page page = context.newPage();
            page.navigate("/staff");
            page.locator("#email").fill(worker.email());
            page.locator("#password").fill("a brand new office password");
            button(page, "Sign in").click();
            assertThat(page.locator(".error-summary")).containsText("not right");
            page.navigate("/staff/password#" + token);
            assertThat(heading(page, "Set your password")).isVisible();
            page.locator("#new-password").fill("another new office password");
            page.locator("#new-password-again").fill("another new office password");
            button(page, "Set password").click();
            assertThat(heading(page, "Your password is set")).isVisible();
            password(page, worker, "another new office password");
            assertThat(heading(page, "Set up two-step sign-in")).isVisible();
        }
        assertTrue(policyComplaints.isEmpty(), policyComplaints.toString());
    }

    private static void signOut(Page page) {
        button(page, "Sign out").click();
        heading(page, "Sign in").waitFor();
    }

    /**
     * A home page, which shows once its lists have loaded. This profile starts a fresh instance, whose first queries
     * are parsed cold (seconds each on a busy machine), so the first home page may take a while.
     */
    private static void home(Page page, String title) {
        heading(page, title).waitFor(new Locator.WaitForOptions().setTimeout(60_000));
    }

    private static String nameOf(Page page, Staff staff) {
        return page.locator("tr", new Page.LocatorOptions().setHasText(staff.email())).locator("th .break").first()
                .innerText();
    }
}
