package app.mysay.support;

import java.util.Enumeration;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** Reading e-mails the tests received, to prove what they do and do not say. */
public final class Mails {

    private Mails() {
    }

    /** Subject, every header and every decoded body part, as one text. */
    public static String everything(MimeMessage message) throws Exception {
        StringBuilder all = new StringBuilder(message.getSubject()).append('\n');
        for (Enumeration<String> lines = message.getAllHeaderLines(); lines.hasMoreElements();) {
            all.append(lines.nextElement()).append('\n');
        }
        appendContent(message.getContent(), all);
        return all.toString();
    }

    private static void appendContent(Object content, StringBuilder all) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                appendContent(part.getContent(), all);
            }
        } else {
            all.append(content).append('\n');
        }
    }
}
