package app.mysay.views;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a child says, part by part. Every part is optional while drafting; each carries the child's own choice of
 * whether their parents or carers may see it (no by default).
 */
public record ViewsContent(
        @Valid TextPart goodThings,
        @Valid TextPart worries,
        @Valid TextPart wishes,
        @Valid SafetyPart safety,
        @Valid TakingPart takingPart,
        @Valid AdvocatePart advocate,
        @Valid TextPart questions,
        @Valid TextPart tellChairFirst,
        @NotNull(message = "Say who wrote these views") @Valid Authorship authorship) {

    public static final int TEXT_LIMIT = 4000;
    public static final int PICTURE_TEXT_LIMIT = 300;

    /**
     * A part in the child's own words. Beside the good things, worries and wishes a child may also add a voice note and
     * a picture (attachments uploaded first, named here by id), with their own words for what is in the picture, which
     * is also its text alternative. Parts that cannot have them leave them null, and absent ones are left out of the
     * JSON, so views without attachments read exactly as before.
     */
    public record TextPart(
            @Size(max = TEXT_LIMIT, message = "must be at most 4000 characters") String text,
            boolean parentsMaySee,
            @JsonInclude(JsonInclude.Include.NON_NULL) UUID voiceNote,
            @JsonInclude(JsonInclude.Include.NON_NULL) UUID picture,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Size(max = PICTURE_TEXT_LIMIT, message = "must be at most 300 characters") String pictureText) {

        public TextPart(String text, boolean parentsMaySee) {
            this(text, parentsMaySee, null, null, null);
        }

        boolean hasAttachment() {
            return voiceNote != null || picture != null;
        }
    }

    public record SafetyPart(
            @Min(value = 0, message = "must be from 0 to 10") @Max(value = 10, message = "must be from 0 to 10") Integer score,
            boolean parentsMaySee) {
    }

    public record TakingPart(
            @Size(max = 12, message = "has too many choices") Set<@NotNull TakingPartWay> ways,
            @Size(max = 500, message = "must be at most 500 characters") String whoWithMe,
            boolean parentsMaySee) {
    }

    public record AdvocatePart(AdvocateChoice choice, boolean parentsMaySee) {
    }

    public record Authorship(
            @NotNull(message = "Choose CHILD, CHILD_WITH_HELP or ADVOCATE_ON_BEHALF") AuthorshipKind kind,
            @Size(max = 100, message = "must be at most 100 characters") String helperName,
            @Size(max = 100, message = "must be at most 100 characters") String helperRole,
            Boolean readBackAgreed,
            @Size(max = 1000, message = "must be at most 1000 characters") String notReadBackReason) {
    }

    /** The same views in one canonical form: blank text as absent, choices in a fixed order. */
    public ViewsContent normalised() {
        return new ViewsContent(text(goodThings), text(worries), text(wishes),
                safety == null || safety.score() == null && !safety.parentsMaySee() ? null : safety,
                takingPart == null ? null : new TakingPart(
                        takingPart.ways() == null || takingPart.ways().isEmpty() ? null : new TreeSet<>(takingPart.ways()),
                        blankToNull(takingPart.whoWithMe()), takingPart.parentsMaySee()),
                advocate == null || advocate.choice() == null && !advocate.parentsMaySee() ? null : advocate,
                text(questions), text(tellChairFirst),
                new Authorship(authorship.kind(), blankToNull(authorship.helperName()),
                        blankToNull(authorship.helperRole()), authorship.readBackAgreed(),
                        blankToNull(authorship.notReadBackReason())));
    }

    /** True when at least one part has an answer: there is something for the chair to read. */
    public boolean hasAnswers() {
        return has(goodThings) || has(worries) || has(wishes) || has(questions) || has(tellChairFirst)
                || safety != null && safety.score() != null
                || takingPart != null && (takingPart.ways() != null && !takingPart.ways().isEmpty()
                        || takingPart.whoWithMe() != null && !takingPart.whoWithMe().isBlank())
                || advocate != null && advocate.choice() != null;
    }

    private static boolean has(TextPart part) {
        return part != null && (part.text() != null && !part.text().isBlank() || part.hasAttachment());
    }

    /**
     * The child's words are kept exactly as written; only an empty answer becomes no answer. Words about a picture
     * go with the picture.
     */
    private static TextPart text(TextPart part) {
        boolean noText = part == null || part.text() == null || part.text().isBlank();
        if (part == null || noText && !part.parentsMaySee() && !part.hasAttachment()) {
            return null;
        }
        String pictureText = part.picture() == null || part.pictureText() == null || part.pictureText().isBlank()
                ? null : part.pictureText().strip();
        return new TextPart(noText ? null : part.text(), part.parentsMaySee(), part.voiceNote(), part.picture(),
                pictureText);
    }

    /** The parts that may have a voice note and a picture: the three houses. */
    public static final java.util.List<String> PARTS_WITH_ATTACHMENTS = java.util.List.of("goodThings", "worries",
            "wishes");

    /** Each attachment named, with the field that names it (such as {@code worries.picture}). */
    public java.util.Map<String, UUID> attachments() {
        java.util.Map<String, UUID> named = new java.util.LinkedHashMap<>();
        name(named, "goodThings", goodThings);
        name(named, "worries", worries);
        name(named, "wishes", wishes);
        name(named, "questions", questions);
        name(named, "tellChairFirst", tellChairFirst);
        return named;
    }

    private static void name(java.util.Map<String, UUID> named, String part, TextPart p) {
        if (p != null && p.voiceNote() != null) {
            named.put(part + ".voiceNote", p.voiceNote());
        }
        if (p != null && p.picture() != null) {
            named.put(part + ".picture", p.picture());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
