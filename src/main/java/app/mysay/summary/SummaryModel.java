package app.mysay.summary;

import java.util.List;

/** Everything the printable summary shows, already in words, so the template only lays it out. */
public record SummaryModel(String title, String when, String where, String viewsDue, String status, String generatedAt,
        List<ChildSection> children) {

    public record ChildSection(String knownAs, String age, String communicationNeeds, boolean hasViews, String sentLine,
            String authorshipLine, String readBackLine, String chairReadLine, List<Part> parts, Integer safetyScore,
            boolean safetyShared, List<Integer> scale, List<TrendPoint> safetyTrend) {
    }

    /** The child's answer to "how safe do you feel?" at one of their conferences, oldest first. */
    public record TrendPoint(String date, int score, boolean thisConference) {
    }

    /**
     * One part of the child's views; {@code shared} is the child's own answer to "may my parents or carers see this?".
     * {@code voiceNote} and {@code picture} say, in a sentence, that a voice note or a picture is with the part (a
     * voice note is heard in MySay only); {@code pictureText} is the child's own words for the picture. In the PDF,
     * {@code pictureData} is the picture itself (a {@code data:} address) and {@code pictureAlt} its text alternative;
     * both are null on the printable page, which shows no pictures.
     */
    public record Part(String heading, List<String> lines, boolean shared, boolean answered, String voiceNote,
            String picture, String pictureText, String pictureData, String pictureAlt) {

        public Part(String heading, List<String> lines, boolean shared, boolean answered) {
            this(heading, lines, shared, answered, null, null, null, null, null);
        }
    }
}
