package app.mysay.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** One rule decides "urgent": words that may mean danger now, or a safety score at or below the setting. */
class UrgentRuleTest {

    static final UrgentRule RULE = new UrgentRule(UrgentWordsTest.WORDS, 3);

    private static Views sent(String worries, Integer score) {
        Views v = new Views();
        v.worries = worries;
        v.safetyScore = score == null ? null : score.shortValue();
        return v;
    }

    @Test
    void aLowSafetyScoreAloneIsUrgent() {
        UrgentRule.Urgency urgency = RULE.of(sent("I like my school.", 3));
        assertTrue(urgency.urgent());
        assertTrue(urgency.lowSafetyScore());
        assertEquals(Set.of(), urgency.words());
        assertTrue(RULE.of(sent(null, 0)).urgent());
    }

    @Test
    void aScoreAboveTheSettingOrNoneIsNot() {
        assertFalse(RULE.of(sent("I like my school.", 4)).urgent());
        assertFalse(RULE.of(sent("I like my school.", null)).urgent());
    }

    @Test
    void wordsAloneAreUrgent() {
        UrgentRule.Urgency urgency = RULE.of(sent("بابا بيضربني لما يزعل", 8));
        assertTrue(urgency.urgent());
        assertFalse(urgency.lowSafetyScore());
        assertEquals(Set.of(UrgentReason.HURTING_ME), urgency.words());
    }

    @Test
    void aStoredVersionIsJudgedTheSameWay() {
        assertTrue(RULE.of("HURTING_ME", (short) 9).urgent());
        assertEquals(Set.of(UrgentReason.HURTING_ME, UrgentReason.NOT_SAFE_NOW),
                RULE.of("HURTING_ME,NOT_SAFE_NOW", null).words());
        assertTrue(RULE.of(null, (short) 2).urgent());
        assertFalse(RULE.of(null, (short) 7).urgent());
        assertFalse(RULE.of("", null).urgent());
    }
}
