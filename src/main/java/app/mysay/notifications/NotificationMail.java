package app.mysay.notifications;

import io.quarkus.mailer.Mail;

/**
 * The e-mail that tells a member of staff something is waiting. It says nothing else: no child, no family, no
 * reference, no words of anyone's, not even the recipient's name. E-mail leaves the council's control, so it carries
 * only a link to MySay, where signing in decides who may see what.
 */
public final class NotificationMail {

    public static final String SUBJECT = "Something is waiting for you in MySay";
    public static final String REMINDER_SUBJECT = "A reminder is waiting for you in MySay";
    public static final String URGENT_SUBJECT = "Please look at MySay today";
    public static final String ACCOUNT_CREATED_SUBJECT = "Set your MySay password";
    public static final String SIGN_IN_RESET_SUBJECT = "Your MySay sign-in was reset: set a new password";

    private NotificationMail() {
    }

    public static Mail to(String address, NotificationKind kind, String publicUrl) {
        String link = staffLink(publicUrl);
        String what = switch (kind) {
            case VIEWS_SENT -> "Something new is waiting for you in MySay.";
            case VIEWS_DUE_SOON -> "A reminder is waiting for you in MySay: something is due soon.";
            case VIEWS_UNREAD -> "A reminder is waiting for you in MySay: something has not been read yet, and a meeting is close.";
            case URGENT_VIEWS -> "Something in MySay may need someone to act today.";
            case CONFERENCE_MOVED -> "A meeting in MySay has a new date or time.";
            case ACCOUNT_CREATED, SIGN_IN_RESET -> throw new IllegalArgumentException(kind + " carries a link");
        };
        String text = "Hello,\n\n"
                + what + " Please sign in to see it:\n\n"
                + link + "\n\n"
                + "This e-mail does not say what it is about, on purpose: MySay never puts children's information in e-mails.\n";
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>MySay</title></head>"
                + "<body style=\"font-family: sans-serif; line-height: 1.5\">"
                + "<p>Hello,</p>"
                + "<p>" + what + " Please sign in to see it:</p>"
                + "<p><a href=\"" + html(link) + "\">Open MySay</a></p>"
                + "<p style=\"color: #555\">This e-mail does not say what it is about, on purpose: MySay never puts "
                + "children's information in e-mails.</p>"
                + "</body></html>";
        return Mail.withText(address, subject(kind), text).setHtml(html);
    }

    public static String subject(NotificationKind kind) {
        return switch (kind) {
            case URGENT_VIEWS -> URGENT_SUBJECT;
            case ACCOUNT_CREATED -> ACCOUNT_CREATED_SUBJECT;
            case SIGN_IN_RESET -> SIGN_IN_RESET_SUBJECT;
            default -> kind.isReminder() ? REMINDER_SUBJECT : SUBJECT;
        };
    }

    /**
     * The e-mail with a set-password link: to a new account's holder, or after a manager reset their sign-in. The
     * token is in the link's fragment, which browsers never send to a server, so it is in no access log and no
     * Referer. It says who did nothing and names nobody; it says how long the link works.
     */
    public static Mail withPasswordLink(String address, NotificationKind kind, String publicUrl, String token,
            java.time.Duration lifetime) {
        String link = staffLink(publicUrl) + "/password#" + token;
        String hours = lifetime.toHours() + " hours";
        String what = kind == NotificationKind.SIGN_IN_RESET
                ? "A manager has reset how you sign in to MySay. Your old password no longer works, and every place "
                        + "you were signed in has been signed out. Set a new password with this link:"
                : "A MySay account has been made for you. Set your password with this link:";
        String after = "The link works once, for " + hours + ". Nobody else knows your password, and MySay will "
                + "never ask you for it by e-mail.";
        String unexpected = kind == NotificationKind.SIGN_IN_RESET
                ? "If you did not ask for this, tell your manager or the council's IT security team today."
                : "If you did not expect this, you can ignore this e-mail.";
        String text = "Hello,\n\n" + what + "\n\n" + link + "\n\n" + after + "\n\n" + unexpected + "\n";
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>MySay</title></head>"
                + "<body style=\"font-family: sans-serif; line-height: 1.5\">"
                + "<p>Hello,</p><p>" + what + "</p>"
                + "<p><a href=\"" + html(link) + "\">Set your password</a></p>"
                + "<p>" + after + "</p><p style=\"color: #555\">" + unexpected + "</p>"
                + "</body></html>";
        return Mail.withText(address, subject(kind), text).setHtml(html);
    }

    static String staffLink(String publicUrl) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/staff";
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
