package app.mysay.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.mysay.audit.AuditDtos.AuditEntry;

/** The CSV itself, without the service: quoting, formulas, and the cap. */
class AuditCsvTest {

    @Test
    void cellsAreQuotedAsRfc4180Says() {
        assertEquals("plain", AuditCsv.cell("plain"));
        assertEquals("", AuditCsv.cell(""));
        assertEquals("\"Smith, Jo\"", AuditCsv.cell("Smith, Jo"));
        assertEquals("\"Jo \"\"JJ\"\" Smith\"", AuditCsv.cell("Jo \"JJ\" Smith"));
        assertEquals("\"two\nlines\"", AuditCsv.cell("two\nlines"));
        assertEquals("Zoë Łukasz", AuditCsv.cell("Zoë Łukasz"));
    }

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaStartsWithAnApostrophe() {
        assertEquals("'=1+1", AuditCsv.cell("=1+1"));
        assertEquals("'+44 20", AuditCsv.cell("+44 20"));
        assertEquals("'-C-12", AuditCsv.cell("-C-12"));
        assertEquals("'@SUM(A1)", AuditCsv.cell("@SUM(A1)"));
        assertEquals("'\tx", AuditCsv.cell("\tx"));
        assertEquals("\"'\rx\"", AuditCsv.cell("\rx"), "prefixed, then quoted for the line break");
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", AuditCsv.cell("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("a=b", AuditCsv.cell("a=b"), "only the first character matters");
    }

    @Test
    void aHeaderRowCrlfLinesAndAByteOrderMark() {
        String csv = AuditCsv.write(List.of(entry(7, "Chris, Chair", "C-1")), 10);
        assertTrue(csv.startsWith("\uFEFF"), "a byte order mark for spreadsheets");
        assertEquals("\uFEFFid,at,actorName,actorRole,action,childReference,conferenceId,detail\r\n"
                + "7,2026-01-02T03:04:05Z,\"Chris, Chair\",CHAIR,VIEWS_READ,C-1,00000000-0000-0000-0000-000000000001,version 1\r\n",
                csv);
    }

    @Test
    void overTheCapTheFileSaysSoOnItsLastLine() {
        List<AuditEntry> three = List.of(entry(9, "A", "R"), entry(8, "B", "R"), entry(7, "C", "R"));
        String capped = AuditCsv.write(three, 2);
        String[] lines = capped.split("\r\n");
        assertEquals(4, lines.length, "header, two rows, the note");
        assertTrue(lines[2].startsWith("8,"));
        assertEquals(AuditCsv.cappedNote(2, 8), lines[3]);
        assertTrue(lines[3].contains("before=8"), "says how to get the older ones");
        String atTheCap = AuditCsv.write(three, 3);
        assertEquals(4, atTheCap.split("\r\n").length, "at the cap exactly: header and three rows");
        assertFalse(atTheCap.contains("# Only"), "and no note");
    }

    private static AuditEntry entry(long id, String actor, String reference) {
        return new AuditEntry(id, Instant.parse("2026-01-02T03:04:05Z"), actor, "CHAIR", AuditAction.VIEWS_READ,
                reference, new UUID(0, 1), "version 1");
    }
}
