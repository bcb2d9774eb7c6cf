package app.mysay.summary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.text.Normalizer;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/** The renderer alone. */
class SummaryPdfTest {

    static final String ARABIC = "أريد أن أعيش مع جدتي لأنها لطيفة";

    @Test
    void aControlCharacterInAChildsWordsDoesNotStopThePdf() throws IOException {
        String xhtml = "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title>"
                + "<style>body { font-family: 'DejaVu Sans'; }</style></head>"
                + "<body><p>I said\u0007 stop &amp; Łukasz&#39;s ŵ</p></body></html>";
        String text = ConferencePackTest.pdfText(SummaryPdf.renderNow(xhtml));
        assertTrue(text.contains("stop & Łukasz's ŵ"), text);
    }

    /**
     * Arabic is shaped (joined letters: PDFBox reads them back as presentation forms, hence NFKC) and laid out right
     * to left, so that reading the PDF gives the words back in the order the child wrote them. Unshaped and left to
     * right, the letters come back isolated and the sentence reversed.
     */
    @Test
    void arabicIsShapedAndRightToLeftSoItReadsBackInTheChildsOrder() throws IOException {
        String xhtml = "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title>"
                + "<style>body { font-family: 'DejaVu Sans'; }</style></head>"
                + "<body><p dir=\"auto\">" + ARABIC + "</p><p dir=\"auto\">Who I would like with me: جدتي</p></body></html>";
        byte[] pdf = SummaryPdf.renderNow(xhtml);
        String text = Normalizer.normalize(ConferencePackTest.pdfText(pdf), Normalizer.Form.NFKC);
        assertTrue(text.contains(ARABIC), "in the child's order:\n" + text);
        assertTrue(text.contains("Who I would like with me: جدتي"), "mixed with English:\n" + text);

        // PDFBox's text normalises what it reads; the glyphs drawn are the joining (presentation) forms.
        String drawn = drawnCharacters(pdf);
        assertTrue(drawn.codePoints().anyMatch(c -> c >= 0xFE70 && c <= 0xFEFF), "shaped: " + drawn);
        assertFalse(drawn.codePoints().anyMatch(c -> c >= 0x0621 && c <= 0x064A), "no isolated letters: " + drawn);
    }

    /** Every character as drawn on the page, in drawing order, before PDFBox's own normalisation. */
    private static String drawnCharacters(byte[] pdf) throws IOException {
        StringBuilder drawn = new StringBuilder();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition text) {
                    drawn.append(text.getUnicode());
                    super.processTextPosition(text);
                }
            }.getText(document);
        }
        return drawn.toString();
    }
}
