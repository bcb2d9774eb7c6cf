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

    private NotificationMail() {
    }

    public static Mail to(String address, NotificationKind kind, String publicUrl) {
        String link = staffLink(publicUrl);
        String what = switch (kind) {
            case VIEWS_SENT -> "Something new is waiting for you in MySay.";
            case VIEWS_DUE_SOON -> "A reminder is waiting for you in MySay: something is due soon.";
            case VIEWS_UNREAD -> "A reminder is waiting for you in MySay: something has not been read yet, and a meeting is close.";
            case URGENT_VIEWS -> "Something in MySay may need someone to act today.";
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
        return kind == NotificationKind.URGENT_VIEWS ? URGENT_SUBJECT : kind.isReminder() ? REMINDER_SUBJECT : SUBJECT;
    }

    static String staffLink(String publicUrl) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/staff";
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
