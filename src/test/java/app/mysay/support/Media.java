package app.mysay.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Voice notes and pictures for the tests, made here byte by byte, and the way the app uploads them. */
public final class Media {

    private Media() {
    }

    /** The start of a WebM file as Chromium's MediaRecorder writes it (EBML header, DocType "webm"). */
    private static final byte[] WEBM_HEADER = { 0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) 0x9F, 0x42, (byte) 0x86,
            (byte) 0x81, 0x01, 0x42, (byte) 0xF7, (byte) 0x81, 0x01, 0x42, (byte) 0xF2, (byte) 0x81, 0x04, 0x42,
            (byte) 0xF3, (byte) 0x81, 0x08, 0x42, (byte) 0x82, (byte) 0x84, 'w', 'e', 'b', 'm', 0x42, (byte) 0x87,
            (byte) 0x81, 0x04, 0x42, (byte) 0x85, (byte) 0x81, 0x02, 0x18, 0x53, (byte) 0x80, 0x67 };

    /** A "voice note": a WebM header, then {@code marker} and filler up to {@code size} bytes. */
    public static byte[] webm(int size, String marker) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 0x55);
        System.arraycopy(WEBM_HEADER, 0, bytes, 0, WEBM_HEADER.length);
        byte[] m = marker.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(m, 0, bytes, WEBM_HEADER.length + 4, m.length);
        return bytes;
    }

    public static byte[] webm(String marker) {
        return webm(2048, marker);
    }

    /** An Ogg Opus file's first page. */
    public static byte[] ogg() {
        byte[] bytes = new byte[512];
        byte[] head = "OggS\0\u0002\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, bytes, 0, head.length);
        byte[] opus = "OpusHead".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(opus, 0, bytes, 28, opus.length);
        return bytes;
    }

    /** An MP4 (AAC) file's ftyp box, as Safari records. */
    public static byte[] mp4() {
        byte[] bytes = new byte[512];
        byte[] head = "\0\0\0\u001cftypM4A \0\0\0\0M4A mp42isom".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    /** A drawing: a real PNG of this size, a sun on a blue sky. */
    public static byte[] png(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x1d70b8));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.YELLOW);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG with a text chunk (tEXt) added before IDAT, as photo editors write authors and comments. */
    public static byte[] pngWithText(int width, int height, String keyword, String text) {
        byte[] png = png(width, height);
        byte[] data = (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        return insert(png, 33, chunk("tEXt", data)); // after the signature (8) and IHDR (25)
    }

    /** A PNG header claiming this size, with a tiny image data chunk: what a decompression bomb looks like. */
    public static byte[] pngClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IDAT", new byte[] { 0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 }));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /**
     * A real, flat (all zero) PNG of this size, bit depth (8 or 16) and colour type (2 RGB, 6 RGBA, ...), compressed
     * row by row as it is written, so a huge picture is small on disk and made without holding its pixels: 4000 by
     * 4000 at 16 bits with alpha is about 124 KB, and decodes to 128 MB.
     */
    public static byte[] pngFlat(int width, int height, int bitDepth, int colourType) {
        int channels = switch (colourType) {
            case 0, 3 -> 1;
            case 4 -> 2;
            case 2 -> 3;
            default -> 4;
        };
        byte[] row = new byte[1 + (int) Math.ceil(width * channels * bitDepth / 8.0)]; // filter byte 0, then zeros
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream deflate = new java.util.zip.DeflaterOutputStream(idat,
                new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION), 64 * 1024)) {
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                .put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IDAT", idat.toByteArray()));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** A JPEG whose frame header claims this size and sample precision (8, or 12 for 16-bit samples when decoded). */
    public static byte[] jpegClaiming(int width, int height, int precision) {
        byte[] jpeg = jpegClaiming(width, height);
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 4] = (byte) precision;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0");
    }

    /** A JPEG whose frame header claims this size. */
    public static byte[] jpegClaiming(int width, int height) {
        byte[] jpeg = jpeg(8, 8);
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0 in ImageIO's JPEG");
    }

    /**
     * A photo as a phone takes it: a JPEG with an EXIF block (camera make, a description, and a GPS block with the
     * latitude and longitude of the place it was taken), an XMP packet with the same location, and a comment.
     */
    public static byte[] jpegWithLocation(int width, int height, String secret) {
        byte[] jpeg = jpeg(width, height);
        ByteArrayOutputStream segments = new ByteArrayOutputStream();
        segments.writeBytes(segment(0xE1, exif(secret)));
        segments.writeBytes(segment(0xE1, ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
                + "<rdf:RDF><rdf:Description exif:GPSLatitude=\"51,30.44N\" exif:GPSLongitude=\"0,7.68W\" "
                + "dc:description=\"" + secret + "\"/></rdf:RDF></x:xmpmeta>").getBytes(StandardCharsets.UTF_8)));
        segments.writeBytes(segment(0xFE, ("Comment " + secret).getBytes(StandardCharsets.UTF_8)));
        return insert(jpeg, 2, segments.toByteArray());
    }

    /** TIFF (little-endian) with IFD0 (Make, ImageDescription, GPS pointer) and a GPS IFD (latitude, longitude). */
    private static byte[] exif(String secret) {
        byte[] make = "PhoneMaker\0".getBytes(StandardCharsets.US_ASCII);
        byte[] description = (secret + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer t = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        t.put(new byte[] { 'I', 'I', 42, 0 }).putInt(8);
        int ifd0 = 8;
        int ifd0Size = 2 + 3 * 12 + 4;
        int gpsIfd = ifd0 + ifd0Size;
        int gpsSize = 2 + 4 * 12 + 4;
        int data = gpsIfd + gpsSize;
        int makeAt = data;
        int descriptionAt = makeAt + make.length;
        int latitudeAt = descriptionAt + description.length;
        int longitudeAt = latitudeAt + 24;
        t.position(ifd0);
        t.putShort((short) 3);
        entry(t, 0x010F, 2, make.length, makeAt);
        entry(t, 0x010E, 2, description.length, descriptionAt);
        entry(t, 0x8825, 4, 1, gpsIfd);
        t.putInt(0);
        t.putShort((short) 4);
        t.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] { 'N', 0, 0, 0 });
        entry(t, 0x0002, 5, 3, latitudeAt);
        t.putShort((short) 0x0003).putShort((short) 2).putInt(2).put(new byte[] { 'W', 0, 0, 0 });
        entry(t, 0x0004, 5, 3, longitudeAt);
        t.putInt(0);
        t.put(make).put(description);
        t.putInt(51).putInt(1).putInt(30).putInt(1).putInt(2640).putInt(100);
        t.putInt(0).putInt(1).putInt(7).putInt(1).putInt(4608).putInt(100);
        byte[] tiff = Arrays.copyOf(t.array(), t.position());
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        return exif;
    }

    private static void entry(ByteBuffer t, int tag, int type, int count, int offset) {
        t.putShort((short) tag).putShort((short) type).putInt(count).putInt(offset);
    }

    private static byte[] segment(int marker, byte[] payload) {
        byte[] s = new byte[4 + payload.length];
        s[0] = (byte) 0xFF;
        s[1] = (byte) marker;
        s[2] = (byte) ((payload.length + 2) >> 8);
        s[3] = (byte) (payload.length + 2);
        System.arraycopy(payload, 0, s, 4, payload.length);
        return s;
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static byte[] insert(byte[] into, int at, byte[] what) {
        byte[] out = new byte[into.length + what.length];
        System.arraycopy(into, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(into, at, out, at + what.length, into.length - at);
        return out;
    }

    public static byte[] concat(byte[] a, byte[] b) {
        return insert(a, a.length, b);
    }

    /** Whether the bytes hold this text (as ISO-8859-1, so any byte sequence can be searched). */
    public static boolean holds(byte[] bytes, String text) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }

    /** Uploads as the app does: the bytes as the body, with whatever Content-Type the uploader claims. */
    public static Response upload(RequestSpecification as, String path, byte[] bytes, String declaredType) {
        return as.contentType(declaredType).body(bytes).post(path);
    }
}
