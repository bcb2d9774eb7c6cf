package app.mysay.support;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

/**
 * The set-password e-mails staff receive (GreenMail), and the single-use link in them: how a test follows the link
 * the account holder would follow, since nobody else ever learns the password.
 */
public final class PasswordLinks {

    private static final Pattern LINK = Pattern.compile("/staff/password#([A-Za-z0-9_-]{20,})");

    private PasswordLinks() {
    }

    public static List<MimeMessage> mailsTo(GreenMail greenMail, String email) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> a instanceof InternetAddress ia && email.equalsIgnoreCase(ia.getAddress()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The newest set-password link e-mailed to this address, waiting for it to arrive: its token. */
    public static String awaitToken(GreenMail greenMail, String email, int mailsBefore) {
        Waiting.await("a set-password e-mail to " + email, () -> mailsTo(greenMail, email),
                m -> m.size() > mailsBefore);
        List<MimeMessage> mails = mailsTo(greenMail, email);
        try {
            Matcher link = LINK.matcher(Mails.everything(mails.get(mails.size() - 1)));
            if (!link.find()) {
                throw new AssertionError("no set-password link in the newest e-mail to " + email);
            }
            return link.group(1);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
