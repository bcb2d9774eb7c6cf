package app.mysay.attachments;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Makes a new picture from an uploaded one: only its pixels are decoded and written again, in the same format (PNG or
 * JPEG), so nothing else of the upload survives: no EXIF (camera, time, GPS location), XMP, comments, PNG text chunks,
 * ICC profiles or thumbnails, and nothing appended after the image (a polyglot's second file). The pixels are drawn
 * into a plain RGB (JPEG) or ARGB (PNG) image first, so odd colour models are gone too; pictures wider or taller than
 * {@link #LONGEST_SIDE} are scaled down. Everything happens in memory (no ImageIO cache files on disk). The caller has
 * already checked the size in pixels from the header, so decoding cannot be made to allocate more than that allows.
 */
final class PictureCleaner {

    /** Pictures are kept at most this wide or tall: plenty for a drawing on a screen or a page. */
    static final int LONGEST_SIDE = 2048;
    private static final float JPEG_QUALITY = 0.9f;

    /** The picture as re-encoded, with its new size in pixels. */
    record Cleaned(byte[] bytes, int width, int height) {
    }

    /** A picture whose pixels could not be read (damaged, or a kind of PNG or JPEG that Java cannot decode). */
    static final class UnreadablePicture extends Exception {
        UnreadablePicture(String message) {
            super(message, null, false, false);
        }
    }

    private PictureCleaner() {
    }

    static Cleaned clean(byte[] upload, String mediaType) throws UnreadablePicture {
        boolean png = "image/png".equals(mediaType);
        BufferedImage decoded = decode(upload, png ? "png" : "jpeg");
        int width = decoded.getWidth();
        int height = decoded.getHeight();
        double scale = Math.min(1.0, (double) LONGEST_SIDE / Math.max(width, height));
        int w = Math.max(1, (int) Math.round(width * scale));
        int h = Math.max(1, (int) Math.round(height * scale));
        BufferedImage plain = new BufferedImage(w, h, png ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = plain.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (!png) {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, w, h);
            }
            g.drawImage(decoded, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return new Cleaned(encode(plain, png), w, h);
    }

    private static BufferedImage decode(byte[] upload, String format) throws UnreadablePicture {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            // Metadata is not even read: only the first image's pixels.
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            BufferedImage image = reader.read(0, param);
            if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                throw new UnreadablePicture("no image");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports damaged files as IOException, and some as IllegalArgumentException and the like.
            throw new UnreadablePicture(e.getClass().getSimpleName());
        } finally {
            reader.dispose();
        }
    }

    private static byte[] encode(BufferedImage image, boolean png) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(png ? "png" : "jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!png) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            // No metadata is given, so the writer adds only what the format itself needs (a JFIF header for JPEG).
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a picture in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
