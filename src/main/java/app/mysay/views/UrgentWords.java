package app.mysay.views;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Looks for words that may mean a child is in danger now, using the reviewed lists in {@code urgent-words/*.txt}
 * (one per language; every list is applied, as a child may write in any language). It only flags: people decide.
 */
@ApplicationScoped
public class UrgentWords {

    static final List<String> LANGUAGES = List.of("en", "cy", "ar");

    /** One word of a phrase: the whole word, or (written with a trailing *) its beginning. */
    private record Term(String text, boolean prefix) {
        static Term of(String word) {
            return word.endsWith("*") ? new Term(word.substring(0, word.length() - 1), true) : new Term(word, false);
        }

        boolean matches(String word) {
            return prefix ? word.startsWith(text) : word.equals(text);
        }
    }

    private record Phrase(UrgentReason reason, Term[] terms) {
        boolean matchesAt(String[] words, int start) {
            if (start + terms.length > words.length) {
                return false;
            }
            for (int i = 0; i < terms.length; i++) {
                if (!terms[i].matches(words[start + i])) {
                    return false;
                }
            }
            return true;
        }
    }

    // Every text a child sends is scanned, so each word is looked up by its phrases' first words rather than every
    // phrase tried at every word.
    private final Map<String, List<Phrase>> byWholeFirstWord;
    private final List<Phrase> byFirstWordPrefix;

    public UrgentWords() {
        List<Phrase> loaded = new ArrayList<>();
        for (String language : LANGUAGES) {
            loaded.addAll(load("/urgent-words/" + language + ".txt"));
        }
        Map<String, List<Phrase>> whole = new HashMap<>();
        List<Phrase> prefixed = new ArrayList<>();
        for (Phrase phrase : loaded) {
            Term first = phrase.terms()[0];
            if (first.prefix()) {
                prefixed.add(phrase);
            } else {
                whole.computeIfAbsent(first.text(), w -> new ArrayList<>()).add(phrase);
            }
        }
        whole.replaceAll((w, phrases) -> List.copyOf(phrases));
        this.byWholeFirstWord = Map.copyOf(whole);
        this.byFirstWordPrefix = List.copyOf(prefixed);
    }

    /** The reasons any of these texts gives; empty when none. Null texts are skipped. */
    public Set<UrgentReason> scan(Stream<String> texts) {
        Set<UrgentReason> found = EnumSet.noneOf(UrgentReason.class);
        texts.filter(t -> t != null && !t.isBlank()).forEach(text -> {
            String[] words = words(text);
            for (int start = 0; start < words.length; start++) {
                addMatches(byWholeFirstWord.getOrDefault(words[start], List.of()), words, start, found);
                addMatches(byFirstWordPrefix, words, start, found);
            }
        });
        return found;
    }

    private static void addMatches(List<Phrase> candidates, String[] words, int start, Set<UrgentReason> found) {
        for (Phrase phrase : candidates) {
            if (!found.contains(phrase.reason()) && phrase.matchesAt(words, start)) {
                found.add(phrase.reason());
            }
        }
    }

    private static final Pattern ARABIC_MARKS = Pattern.compile("[\\u064B-\\u065F\\u0670\\u0640]");
    private static final Pattern ARABIC_ALEF_FORMS = Pattern.compile("[\\u0622\\u0623\\u0625]");
    private static final Pattern APOSTROPHES = Pattern.compile("['\u2019`]");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("[^\\p{L}\\p{N}*]+");

    /** Lower case, no accents or Arabic diacritics, Arabic letter forms folded, apostrophes dropped, split on the rest. */
    static String[] words(String text) {
        return isAscii(text) ? asciiWords(text) : foldedWords(text);
    }

    /**
     * What {@link #foldedWords} gives for text in ASCII, which most children's answers are, in one pass: neither
     * normalisation changes ASCII, and the Arabic and combining-mark rules cannot match it.
     */
    static String[] asciiWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '`') {
                continue;
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*') {
                word.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                word.append((char) (c + ('a' - 'A')));
            } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words.toArray(String[]::new);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static String[] foldedWords(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        folded = ARABIC_MARKS.matcher(folded).replaceAll("");
        folded = ARABIC_ALEF_FORMS.matcher(folded).replaceAll("\u0627");
        folded = folded.replace('\u0649', '\u064A').replace('\u0629', '\u0647');
        folded = APOSTROPHES.matcher(folded).replaceAll("");
        String stripped = COMBINING_MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
        return Arrays.stream(BETWEEN_WORDS.split(stripped)).filter(w -> !w.isEmpty()).toArray(String[]::new);
    }

    private static List<Phrase> load(String resource) {
        List<Phrase> list = new ArrayList<>();
        try (InputStream in = UrgentWords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The urgent-words list " + resource + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw new IllegalStateException(resource + " line " + number + ": expected CATEGORY: phrase");
                }
                UrgentReason reason = UrgentReason.valueOf(line.substring(0, colon).strip());
                String[] words = words(line.substring(colon + 1));
                if (words.length == 0) {
                    throw new IllegalStateException(resource + " line " + number + ": the phrase is empty");
                }
                list.add(new Phrase(reason, Arrays.stream(words).map(Term::of).toArray(Term[]::new)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list;
    }
}
