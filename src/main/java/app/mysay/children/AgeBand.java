package app.mysay.children;

import java.time.LocalDate;
import java.time.Period;

/** Age bands used when only an approximate age is known, and for figures that must not identify a child. */
public enum AgeBand {
    UNDER_5, AGE_5_TO_7, AGE_8_TO_11, AGE_12_TO_15, AGE_16_TO_17;

    public static AgeBand of(LocalDate dateOfBirth, LocalDate today) {
        int years = Period.between(dateOfBirth, today).getYears();
        if (years < 5) {
            return UNDER_5;
        }
        if (years < 8) {
            return AGE_5_TO_7;
        }
        if (years < 12) {
            return AGE_8_TO_11;
        }
        if (years < 16) {
            return AGE_12_TO_15;
        }
        return AGE_16_TO_17;
    }
}
