package app.mysay.summary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** The renderer alone: a character XML forbids (pasted into a child's words) must not stop the PDF. */
class SummaryPdfTest {

    @Test
    void aControlCharacterInAChildsWordsDoesNotStopThePdf() throws IOException {
        String xhtml = "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title>"
                + "<style>body { font-family: 'DejaVu Sans'; }</style></head>"
                + "<body><p>I said\u0007 stop &amp; Łukasz&#39;s ŵ</p></body></html>";
        String text = ConferencePackTest.pdfText(SummaryPdf.renderNow(xhtml));
        assertTrue(text.contains("stop & Łukasz's ŵ"), text);
    }
}
