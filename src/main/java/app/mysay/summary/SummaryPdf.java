package app.mysay.summary;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.TextDirection;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Renders the summary page (well-formed XHTML) as a PDF for the conference papers, with openhtmltopdf.
 * PDFBox's standard fonts cover Latin-1 only, so DejaVu Sans is embedded (subset) to carry every child's words:
 * it comes from a Maven artifact (jasperreports-fonts), with Debian's fonts-dejavu-core as a fallback.
 * Right-to-left words (Arabic) go through the Unicode bidi algorithm and Arabic shaping (ICU4J), so they print joined
 * and from right to left; the template marks each child's words {@code dir="auto"}, so a paragraph takes its
 * direction from its first strong letter, as in a browser.
 * Emoji and symbols DejaVu Sans lacks (a football, a dog) come from Symbola, embedded (subset) from
 * {@code fonts/Symbola.ttf} (free for any use, see {@code fonts/Symbola-LICENSE.txt}): the style sheet names it after
 * DejaVu Sans, and openhtmltopdf falls back to it glyph by glyph, so nothing a child typed prints as "#".
 * The PDF is tagged for accessibility (PDF/UA): a structure tree from the page's headings, paragraphs and lists, the
 * title from {@code <title>}, the language from {@code <html lang>}, every font embedded, and each picture's text
 * alternative from its {@code alt}.
 * Rendering is blocking CPU work, so it runs on a worker thread and the answer comes back on the caller's context.
 */
@ApplicationScoped
public class SummaryPdf {

    static final String FAMILY = "DejaVu Sans";
    static final String EMOJI_FAMILY = "Symbola";
    private static final Logger LOG = Logger.getLogger(SummaryPdf.class);
    /** Characters XML 1.0 forbids: a child's pasted control character must not stop their words reaching the chair. */
    private static final Pattern NOT_XML = Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");

    private record Face(byte[] ttf, int weight, FontStyle style) {
    }

    private static final List<Face> FACES = loadFaces();
    private static final byte[] EMOJI = loadEmoji();

    private final Vertx vertx;

    SummaryPdf(Vertx vertx) {
        this.vertx = vertx;
    }

    public Uni<byte[]> render(String xhtml) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> renderNow(xhtml)));
    }

    static byte[] renderNow(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
        // Also shapes Arabic (initial, medial, final and isolated forms) before reordering.
        builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
        builder.defaultTextDirection(TextDirection.LTR);
        for (Face face : FACES) {
            builder.useFont(() -> new ByteArrayInputStream(face.ttf()), FAMILY, face.weight(), face.style(), true);
        }
        if (EMOJI != null) {
            builder.useFont(() -> new ByteArrayInputStream(EMOJI), EMOJI_FAMILY, 400, FontStyle.NORMAL, true);
        }
        // Tagged for screen readers and reflow (PDF/UA-1): structure tree, title, language, alt text.
        builder.usePdfUaAccessbility(true);
        builder.withHtmlContent(NOT_XML.matcher(xhtml).replaceAll("\uFFFD"), null);
        builder.withProducer("MySay");
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<Face> loadFaces() {
        List<Face> faces = new ArrayList<>();
        add(faces, "DejaVuSans.ttf", 400, FontStyle.NORMAL);
        add(faces, "DejaVuSans-Bold.ttf", 700, FontStyle.NORMAL);
        add(faces, "DejaVuSans-Oblique.ttf", 400, FontStyle.ITALIC);
        add(faces, "DejaVuSans-BoldOblique.ttf", 700, FontStyle.ITALIC);
        if (faces.isEmpty()) {
            LOG.warn("No DejaVu Sans font found: PDF summaries fall back to the standard fonts (Latin-1 only)");
        }
        return List.copyOf(faces);
    }

    private static byte[] loadEmoji() {
        try (InputStream in = SummaryPdf.class.getResourceAsStream("/fonts/Symbola.ttf")) {
            if (in != null) {
                return in.readAllBytes();
            }
            Path system = Path.of("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf");
            if (Files.isReadable(system)) {
                return Files.readAllBytes(system);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.warn("No Symbola font found: emoji in PDF summaries print as '#'");
        return null;
    }

    private static void add(List<Face> faces, String file, int weight, FontStyle style) {
        try (InputStream in = SummaryPdf.class.getResourceAsStream("/net/sf/jasperreports/fonts/dejavu/" + file)) {
            if (in != null) {
                faces.add(new Face(in.readAllBytes(), weight, style));
                return;
            }
            Path system = Path.of("/usr/share/fonts/truetype/dejavu", file);
            if (Files.isReadable(system)) {
                faces.add(new Face(Files.readAllBytes(system), weight, style));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
