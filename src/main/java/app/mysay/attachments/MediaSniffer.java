package app.mysay.attachments;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Decides what an upload is from its bytes (magic numbers and the first header), never from the Content-Type or a
 * file name the uploader declared. Only what MySay records or shows is accepted: audio as browsers record it (WebM with
 * Opus from Chromium and Firefox, Ogg, MP4 with AAC from Safari) and pictures as PNG or JPEG. Anything else is null.
 * For pictures it also reads the width and height from the header, and what decoding them would take in memory, so
 * that a picture can be refused for its size before anything is decoded.
 */
final class MediaSniffer {

    /**
     * What the bytes are; for pictures only, the width and height, and {@code decodedBytes}: the memory that decoding
     * takes, from the header (width x height x channels x bytes per sample, and the copy that drawing needs when the
     * samples are not whole bytes), so that a small file cannot make the service allocate hundreds of megabytes.
     */
    record Sniffed(AttachmentKind kind, String mediaType, int width, int height, long decodedBytes) {

        Sniffed(AttachmentKind kind, String mediaType) {
            this(kind, mediaType, 0, 0, 0);
        }
    }

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };
    private static final byte[] EBML = { 0x1A, 0x45, (byte) 0xDF, (byte) 0xA3 };
    /** The EBML DocType element's id followed by a one-byte size of 4 and "webm". */
    private static final byte[] WEBM_DOCTYPE = { 0x42, (byte) 0x82, (byte) 0x84, 'w', 'e', 'b', 'm' };
    private static final Set<String> MP4_BRANDS = Set.of("M4A ", "M4B ", "mp41", "mp42", "isom", "iso2", "iso4",
            "iso5", "iso6", "dash", "3gp4", "3gp5", "3gp6");

    private MediaSniffer() {
    }

    static Sniffed sniff(byte[] b) {
        if (b == null || b.length < 12) {
            return null;
        }
        if (startsWith(b, PNG)) {
            return png(b);
        }
        if ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return jpeg(b);
        }
        if (startsWith(b, EBML) && indexOf(b, WEBM_DOCTYPE, 64) >= 0) {
            return new Sniffed(AttachmentKind.VOICE, "audio/webm");
        }
        if (b[0] == 'O' && b[1] == 'g' && b[2] == 'g' && b[3] == 'S'
                && (indexOf(b, ascii("OpusHead"), 128) >= 0 || indexOf(b, ascii("\u0001vorbis"), 128) >= 0)) {
            return new Sniffed(AttachmentKind.VOICE, "audio/ogg");
        }
        if (b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p'
                && MP4_BRANDS.contains(new String(b, 8, 4, StandardCharsets.ISO_8859_1))) {
            return new Sniffed(AttachmentKind.VOICE, "audio/mp4");
        }
        return null;
    }

    /**
     * The IHDR chunk comes first: width and height (4 bytes each, big-endian), bit depth and colour type. Decoded, each
     * pixel has one sample per channel (grey 1, palette 1, grey and alpha 2, RGB 3, RGB and alpha 4), of two bytes at
     * 16 bits and one otherwise. Grey and RGB are counted with an alpha channel, which a transparency chunk (tRNS)
     * anywhere before the pixels adds when decoding. Only 8-bit RGB, RGB and alpha, and palette pictures decode into
     * an image that Java draws directly; any other (16 bits, 1, 2 or 4 packed, grey with or without alpha) is drawn
     * through a 4-byte ARGB copy of the whole picture, which is counted too.
     */
    private static Sniffed png(byte[] b) {
        if (b.length < 26 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            return null;
        }
        long width = uint32(b, 16);
        long height = uint32(b, 20);
        int bitDepth = b[24] & 0xFF;
        int colourType = b[25] & 0xFF;
        int channels = switch (colourType) {
            case 3 -> 1;
            case 0, 4 -> 2;
            default -> 4; // 2 and 6; anything else is not a PNG that decodes, and is counted at its largest
        };
        long pixels = width * height;
        boolean drawnDirectly = bitDepth == 8 && (colourType == 2 || colourType == 3 || colourType == 6);
        long decoded = pixels * channels * (bitDepth > 8 ? 2 : 1) + (drawnDirectly ? 0 : pixels * 4);
        return new Sniffed(AttachmentKind.PICTURE, "image/png", clamp(width), clamp(height), decoded);
    }

    /** Walks the JPEG's segments to the first start-of-frame marker, which holds the height and width. */
    private static Sniffed jpeg(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                i += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return null; // end of image, or scan data, before any frame header
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                if (i + 10 > b.length) {
                    return null;
                }
                // Sample precision (8, or 12 bits: two bytes decoded), height, width, number of components.
                int precision = b[i + 4] & 0xFF;
                int height = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
                int width = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
                int components = Math.max(1, b[i + 9] & 0xFF);
                long decoded = (long) width * height * components * (precision > 8 ? 2 : 1);
                return new Sniffed(AttachmentKind.PICTURE, "image/jpeg", width, height, decoded);
            }
            if (length < 2) {
                return null;
            }
            i += 2 + length;
        }
        return null;
    }

    private static int clamp(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    private static long uint32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Where the needle starts within the first {@code within} bytes, or -1. */
    static int indexOf(byte[] b, byte[] needle, int within) {
        int end = Math.min(b.length, within) - needle.length;
        for (int i = 0; i <= end; i++) {
            if (Arrays.equals(b, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
