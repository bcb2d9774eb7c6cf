package app.mysay.audit;

import java.util.List;

import app.mysay.audit.AuditDtos.AuditEntry;

/**
 * The audit trail as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break
 * quoted, quotes doubled), UTF-8 with a byte order mark so that spreadsheets read names right. A cell that a
 * spreadsheet would take for a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe.
 */
final class AuditCsv {

    static final String BYTE_ORDER_MARK = "\uFEFF";
    static final List<String> HEADER = List.of("id", "at", "actorName", "actorRole", "action", "childReference",
            "conferenceId", "detail");

    private AuditCsv() {
    }

    /** The rows (at most {@code cap} of them are written), and a last line saying so if there were more. */
    static String write(List<AuditEntry> rows, int cap) {
        StringBuilder csv = new StringBuilder(BYTE_ORDER_MARK);
        line(csv, HEADER);
        int written = 0;
        for (AuditEntry e : rows) {
            if (written == cap) {
                break;
            }
            line(csv, List.of(String.valueOf(e.id()), String.valueOf(e.at()), nullToEmpty(e.actorName()),
                    nullToEmpty(e.actorRole()), e.action() == null ? "" : e.action().name(),
                    nullToEmpty(e.childReference()), e.conferenceId() == null ? "" : e.conferenceId().toString(),
                    nullToEmpty(e.detail())));
            written++;
        }
        if (rows.size() > cap) {
            line(csv, List.of(cappedNote(cap, rows.get(cap - 1).id())));
        }
        return csv.toString();
    }

    static String cappedNote(int cap, long lastId) {
        return "# Only the newest " + cap + " matching events are in this file. For older ones download again with before="
                + lastId + " or narrow the search.";
    }

    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
