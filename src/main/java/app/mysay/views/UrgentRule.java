package app.mysay.views;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one rule for "urgent": a version of a child's views is urgent when its words may mean danger now
 * ({@link UrgentWords}) or the child put themselves at or below {@code mysay.attention.low-safety-score} on the safety
 * scale. The workspace's urgent flag, the "please look today" e-mail and the help lines on the child's screen all ask
 * this rule, so they cannot disagree. It only flags: people decide.
 */
@ApplicationScoped
public class UrgentRule {

    /** Why a version is urgent, if it is: the reasons its words gave, and whether its safety score is low. */
    public record Urgency(Set<UrgentReason> words, boolean lowSafetyScore) {
        public boolean urgent() {
            return !words.isEmpty() || lowSafetyScore;
        }

        /** The words' reasons as the version keeps them (views.urgent_reasons), or null when none. */
        public String storedWords() {
            return words.isEmpty() ? null
                    : words.stream().map(Enum::name).collect(java.util.stream.Collectors.joining(","));
        }
    }

    private final UrgentWords urgentWords;
    private final int lowSafetyScore;

    public UrgentRule(UrgentWords urgentWords,
            @ConfigProperty(name = "mysay.attention.low-safety-score") int lowSafetyScore) {
        this.urgentWords = urgentWords;
        this.lowSafetyScore = lowSafetyScore;
    }

    /** Judges a version about to be sent: its words are scanned. */
    public Urgency of(Views version) {
        Set<UrgentReason> words = urgentWords.scan(version.texts());
        return new Urgency(words.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(words)), low(version.safetyScore));
    }

    /** Judges a sent version from what it keeps: the reasons its words gave (comma-separated) and its safety score. */
    public Urgency of(String storedWords, Short safetyScore) {
        Set<UrgentReason> words = EnumSet.noneOf(UrgentReason.class);
        if (storedWords != null && !storedWords.isBlank()) {
            Arrays.stream(storedWords.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(UrgentReason::valueOf).forEach(words::add);
        }
        return new Urgency(words.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(words)), low(safetyScore));
    }

    private boolean low(Short safetyScore) {
        return safetyScore != null && safetyScore <= lowSafetyScore;
    }
}
