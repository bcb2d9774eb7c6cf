package app.mysay.common;

import io.nayuki.qrcodegen.QrCode;

/** A link as a QR code: an SVG path of its dark modules, with the quiet zone of four modules the standard asks for. */
public final class QrCodes {

    static final int QUIET_ZONE = 4;

    private QrCodes() {
    }

    /** {@code size} is the width and height in modules including the quiet zone; {@code path} draws each dark module. */
    public record QrCodePath(int size, String path) {
    }

    public static QrCodePath of(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return new QrCodePath(qr.size + 2 * QUIET_ZONE, path.toString());
    }
}
