package app.mysay.views;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples that must flag, and everyday sentences that must not, in each language the lists cover. */
class UrgentWordsTest {

    static final UrgentWords WORDS = new UrgentWords();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "My dad hits me when he is angry.|HURTING_ME",
            "Mum's boyfriend HURT ME last night!!|HURTING_ME",
            "he keeps touching me and I don't like it|HURTING_ME",
            "I'm not safe at home.|NOT_SAFE_NOW",
            "I don’t feel safe at home when he drinks|NOT_SAFE_NOW",
            "I am scared to go home tonight|NOT_SAFE_NOW",
            "Sometimes I cut myself so nobody sees|HURTING_MYSELF",
            "i want to die|HURTING_MYSELF",
            "I want to go out but I want to die|HURTING_MYSELF",
            "Hitting me again, he was|HURTING_ME",
            "He kept kicking and kicking me|HURTING_ME",
            "Mae dad yn taro fi|HURTING_ME",
            "Dydw i ddim yn ddiogel gartref|NOT_SAFE_NOW",
            "Dw i eisiau marw|HURTING_MYSELF",
            "أبي يضربني كل يوم|HURTING_ME",
            "أَبِي يَضْرِبُنِي|HURTING_ME",
            "لا اشعر بالامان في البيت|NOT_SAFE_NOW",
            "أريد أن أموت|HURTING_MYSELF",
    })
    void flags(String text, UrgentReason reason) {
        assertEquals(Set.of(reason), WORDS.scan(Stream.of(text)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "My brother hurt his knee playing football.",
            "I hit the ball really far at cricket.",
            "I feel safe at home with my nan.",
            "I want to go home tonight and watch a film.",
            "I love my cat and my home.",
            "The film was to die for, said my sister.",
            "Mae'n braf gartref gyda mam-gu.",
            "أحب كرة القدم مع أخي",
            "Something that hurts: my tooth.",
            "My brother said he would hit",
    })
    void doesNotFlagEverydaySentences(String text) {
        assertEquals(Set.of(), WORDS.scan(Stream.of(text)));
    }

    /** How children write: everyday Arabic (Levantine, Egyptian, Gulf), everyday Welsh, English slang and misspelling. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "بابا بيضربني لما يزعل|HURTING_ME",
            "أبوي يطقني كل ما يعصب|HURTING_ME",
            "ماما بتضربنا بالشبشب|HURTING_ME",
            "هو ضربني امبارح|HURTING_ME",
            "عمي بيلمسني وأنا ما بحب هيك|HURTING_ME",
            "جوز امي بيتحرش فيا|HURTING_ME",
            "أخوي الكبير بيأذيني|HURTING_ME",
            "بيهددني بالسكين|HURTING_ME",
            "خايفة ارجع عالبيت|NOT_SAFE_NOW",
            "انا خايف من بابا|NOT_SAFE_NOW",
            "مش حاسس بالأمان في البيت|NOT_SAFE_NOW",
            "بدي اقتل حالي|HURTING_MYSELF",
            "عايزة اموت|HURTING_MYSELF",
            "ابي اموت|HURTING_MYSELF",
            "ساعات بجرح حالي|HURTING_MYSELF",
            "Mae dad yn bwrw fi|HURTING_ME",
            "Mae e'n clatsio fi|HURTING_ME",
            "Dwi ddim yn saff adra|NOT_SAFE_NOW",
            "Mae gen i ofn dad|NOT_SAFE_NOW",
            "Dwi moyn marw|HURTING_MYSELF",
            "isie lladd fy hunan|HURTING_MYSELF",
            "he smacks me round the head|HURTING_ME",
            "my step dad beats us|HURTING_ME",
            "he tuched me|HURTING_ME",
            "he touched me where i didnt want|HURTING_ME",
            "he pulled a knife on mum|HURTING_ME",
            "i wanna die|HURTING_MYSELF",
            "gonna kill myself|HURTING_MYSELF",
            "i want to kill my self|HURTING_MYSELF",
            "i wish i was dead|HURTING_MYSELF",
            "sometimes i self-harm|HURTING_MYSELF",
            "i want to unalive myself|HURTING_MYSELF",
            "im scared of my dad|NOT_SAFE_NOW",
    })
    void flagsEverydayAndDialectForms(String text, UrgentReason reason) {
        assertEquals(Set.of(reason), WORDS.scan(Stream.of(text)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Football kills me, we always lose.",
            "That joke kills me every time.",
            "I don't want to live with my dad.",
            "I hit the ball over the fence.",
            "I'm scared of spiders.",
            "بابا بيلعب معي كورة كل جمعة",
            "ضربت الكرة بقوة",
            "بطني بيوجعني شوي",
            "خايف من الامتحان",
            "قطعت الخبز بالسكين",
            "بدي روح عالبيت",
            "Dw i'n hoffi cicio pêl gyda dad",
            "Mae'n saff adra gyda nain",
    })
    void doesNotFlagEverydayWordsInAnyForm(String text) {
        assertEquals(Set.of(), WORDS.scan(Stream.of(text)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Football.|My dad hits me.|HURTING_ME",
            "I want to die.|I'm not safe at home.|HURTING_MYSELF,NOT_SAFE_NOW",
    })
    void looksAtEveryAnswer(String first, String second, String reasons) {
        Set<UrgentReason> expected = Stream.of(reasons.split(",")).map(UrgentReason::valueOf)
                .collect(java.util.stream.Collectors.toSet());
        assertEquals(expected, WORDS.scan(Stream.of(first, null, second)));
    }

    @Test
    void asciiTextIsSplitExactlyAsTheFullFoldingSplitsIt() {
        StringBuilder everyAsciiCharacter = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            everyAsciiCharacter.append(c).append("Ab1*").append(c);
        }
        assertArrayEquals(UrgentWords.foldedWords(everyAsciiCharacter.toString()),
                UrgentWords.asciiWords(everyAsciiCharacter.toString()));
        Random random = new Random(20261122);
        for (int n = 0; n < 2_000; n++) {
            char[] text = new char[random.nextInt(80)];
            for (int i = 0; i < text.length; i++) {
                text[i] = (char) random.nextInt(0x80);
            }
            String s = new String(text);
            assertArrayEquals(UrgentWords.foldedWords(s), UrgentWords.asciiWords(s), () -> "for: " + s);
        }
    }

    @Test
    void textWithAnyOtherCharacterIsFoldedInFull() {
        assertArrayEquals(new String[] { "cafe", "dont" }, UrgentWords.words("Café DON’T"));
        assertArrayEquals(new String[] { "dont", "cafe" }, UrgentWords.words("don't café"));
    }
}
