package app.mysay.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** How a test person works the page: with a pointer, or with the keyboard alone. */
interface Hands {

    void press(Locator target);

    void fill(Locator field, String text);

    /** A radio button: selected. */
    void choose(Locator radio);

    /** A checkbox: ticked. */
    void tick(Locator checkbox);

    static Hands pointer() {
        return new Hands() {
            public void press(Locator target) {
                target.click();
            }

            public void fill(Locator field, String text) {
                field.fill(text);
            }

            public void choose(Locator radio) {
                radio.check();
            }

            public void tick(Locator checkbox) {
                checkbox.check();
            }
        };
    }

    /**
     * Only Tab, Shift+Tab, arrows, Enter, Space and typing, as a keyboard user or a switch user would. Reaching a
     * control by Tab is itself the check that it is in the focus order.
     */
    static Hands keyboard(Page page) {
        return new Hands() {
            public void press(Locator target) {
                tabTo(target);
                page.keyboard().press("Enter");
            }

            public void fill(Locator field, String text) {
                tabTo(field);
                page.keyboard().press("Control+A");
                page.keyboard().press("Delete");
                page.keyboard().type(text);
            }

            public void choose(Locator radio) {
                String name = radio.getAttribute("name");
                Locator group = page.locator("input[type=radio][name='" + name + "']");
                Locator entry = group.and(page.locator(":checked")).count() > 0 ? group.and(page.locator(":checked")) : group.first();
                tabTo(entry);
                for (int i = 0; i < 14 && !radio.isChecked(); i++) {
                    page.keyboard().press("ArrowDown");
                }
                if (!radio.isChecked()) {
                    throw new AssertionError("could not choose " + radio + " with the arrow keys");
                }
            }

            public void tick(Locator checkbox) {
                tabTo(checkbox);
                if (!checkbox.isChecked()) {
                    page.keyboard().press("Space");
                }
            }

            private void tabTo(Locator target) {
                target.waitFor();
                for (int i = 0; i < 80; i++) {
                    if ((Boolean) target.evaluate("el => el === document.activeElement")) {
                        return;
                    }
                    page.keyboard().press("Tab");
                }
                throw new AssertionError("Tab never reached " + target);
            }
        };
    }
}
