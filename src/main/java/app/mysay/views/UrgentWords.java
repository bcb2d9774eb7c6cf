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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Looks for words that may mean a child is in danger now, using the reviewed lists in {@code urgent-words/*.txt}
 * (one per language; every list is applied, as a child may write in any language). It only flags: people decide.
 */
@ApplicationScoped
public class UrgentWords {

    static final List<String> LANGUAGES = List.of("en", "cy", "ar");

    private record Phrase(UrgentReason reason, String[] words) {
    }

    private final List<Phrase> phrases;

    public UrgentWords() {
        List<Phrase> loaded = new ArrayList<>();
        for (String language : LANGUAGES) {
            loaded.addAll(load("/urgent-words/" + language + ".txt"));
        }
        this.phrases = List.copyOf(loaded);
    }

    /** The reasons any of these texts gives; empty when none. Null texts are skipped. */
    public Set<UrgentReason> scan(Stream<String> texts) {
        Set<UrgentReason> found = EnumSet.noneOf(UrgentReason.class);
        texts.filter(t -> t != null && !t.isBlank()).forEach(text -> {
            String[] words = words(text);
            for (Phrase phrase : phrases) {
                if (!found.contains(phrase.reason()) && contains(words, phrase.words())) {
                    found.add(phrase.reason());
                }
            }
        });
        return found;
    }

    private static boolean contains(String[] text, String[] phrase) {
        outer:
        for (int start = 0; start + phrase.length <= text.length; start++) {
            for (int i = 0; i < phrase.length; i++) {
                String wanted = phrase[i];
                String word = text[start + i];
                boolean matches = wanted.endsWith("*") ? word.startsWith(wanted.substring(0, wanted.length() - 1))
                        : word.equals(wanted);
                if (!matches) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Lower case, no accents or Arabic diacritics, Arabic letter forms folded, apostrophes dropped, split on the rest. */
    static String[] words(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[\\u064B-\\u065F\\u0670\\u0640]", "")
                .replaceAll("[\\u0622\\u0623\\u0625]", "\u0627")
                .replace('\u0649', '\u064A')
                .replace('\u0629', '\u0647')
                .replaceAll("['\u2019`]", "");
        String stripped = Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return Arrays.stream(stripped.split("[^\\p{L}\\p{N}*]+")).filter(w -> !w.isEmpty()).toArray(String[]::new);
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
                list.add(new Phrase(reason, words));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list;
    }
}
