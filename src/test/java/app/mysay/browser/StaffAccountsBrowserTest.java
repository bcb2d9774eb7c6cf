package app.mysay.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

import app.mysay.security.Role;
import app.mysay.support.Api;
import app.mysay.support.Api.Staff;
import app.mysay.support.GreenMailResource;
import app.mysay.support.GreenMailResource.InjectGreenMail;
import app.mysay.support.PasswordLinks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 18, item 10: a manager adds a member of staff on screen, with the keyboard only; the account shows as waiting;
 * the new social worker follows the link e-mailed to them, is refused a common password, sets their own and signs in
 * for the first time. Nobody but them ever sees the password. Every screen is checked with axe and at 320 px.
 */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class StaffAccountsBrowserTest extends BrowserTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Test
    void aManagerAddsASocialWorkerWhoSetsTheirOwnPasswordAndSignsIn() {
        Staff manager = Api.staff(Role.MANAGER, "Mina Manager " + Api.shortId());
        String name = "Rowan Newstart " + Api.shortId();
        String email = "rowan." + Api.shortId() + "@test.mysay.example";
        int mailsBefore = PasswordLinks.mailsTo(greenMail, email).size();

        try (BrowserContext context = desk()) {
            Page page = context.newPage();
            signIn(page, manager);
            link(page, "Staff accounts").click();
            assertThat(heading(page, "Staff accounts")).isVisible();
            button(page, "Add a staff account").click();
            assertThat(heading(page, "Add a staff account")).isVisible();
            assertTrue(page.locator("main").innerText().contains("Nobody else, you included, ever chooses or sees it"));
            button(page, "Add the account").click();
            assertThat(page.locator(".error-summary")).containsText("Enter the person's name");
            assertThat(page.locator(".error-summary")).containsText("Choose a role");
            check(page, "add-account-errors");

            // The keyboard only: type the name, Tab to the address, Tab to the roles, arrows to choose, Enter to send.
            Keyboard keys = page.keyboard();
            page.locator("#display-name").focus();
            keys.type(name);
            keys.press("Tab");
            keys.type(email);
            keys.press("Tab");
            keys.press("Space");
            assertThat(page.locator("#role")).isChecked();
            check(page, "add-account-filled");
            page.locator("#display-name").focus();
            keys.press("Enter");

            assertThat(page.locator(".notice")).containsText("e-mailed a link to set their own password");
            Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(email));
            assertThat(row).containsText("Not yet: waiting for them to set a password");
            assertThat(row).containsText("Social worker");
            check(page, "account-pending");
        }

        String token = PasswordLinks.awaitToken(greenMail, email, mailsBefore);
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/staff/password#" + token);
            assertThat(heading(page, "Set your password")).isVisible();
            assertFalse(page.url().contains(token), "the token leaves the address bar at once: " + page.url());
            check(page, "set-password");

            page.locator("#new-password").fill("Password2024!");
            page.locator("#new-password-again").fill("Password2024!");
            button(page, "Set password").click();
            assertThat(page.locator(".error-summary")).containsText("most often used or leaked");
            check(page, "set-password-common");

            page.locator("#new-password").fill("kettle on the windowsill at noon");
            page.locator("#new-password-again").fill("kettle on the windowsill at noon");
            page.locator("#new-password-again").press("Enter");
            assertThat(heading(page, "Your password is set")).isVisible();
            check(page, "password-set");

            button(page, "Sign in").click();
            assertThat(heading(page, "Sign in")).isVisible();
            page.locator("#email").fill(email);
            page.locator("#password").fill("kettle on the windowsill at noon");
            page.locator("#password").press("Enter");
            heading(page, "Sign in").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED)
                    .setTimeout(60_000));
            assertThat(heading(page, "My children and families")).isVisible();
            check(page, "first-sign-in");
        }

        // The link worked once.
        try (BrowserContext context = phone()) {
            Page page = context.newPage();
            page.navigate("/staff/password#" + token);
            page.locator("#new-password").fill("a second try at a password");
            page.locator("#new-password-again").fill("a second try at a password");
            button(page, "Set password").click();
            assertThat(heading(page, "This link no longer works")).isVisible();
            check(page, "password-link-used");
        }
        assertTrue(policyComplaints.isEmpty(), policyComplaints.toString());
    }
}
