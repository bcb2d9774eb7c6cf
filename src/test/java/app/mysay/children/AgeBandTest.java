package app.mysay.children;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class AgeBandTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-21");

    @Test
    void bandsChangeOnTheBirthday() {
        assertEquals(AgeBand.UNDER_5, AgeBand.of(LocalDate.parse("2021-11-22"), TODAY));
        assertEquals(AgeBand.AGE_5_TO_7, AgeBand.of(LocalDate.parse("2021-11-21"), TODAY));
        assertEquals(AgeBand.AGE_5_TO_7, AgeBand.of(LocalDate.parse("2018-11-22"), TODAY));
        assertEquals(AgeBand.AGE_8_TO_11, AgeBand.of(LocalDate.parse("2018-11-21"), TODAY));
        assertEquals(AgeBand.AGE_12_TO_15, AgeBand.of(LocalDate.parse("2014-11-21"), TODAY));
        assertEquals(AgeBand.AGE_16_TO_17, AgeBand.of(LocalDate.parse("2010-11-21"), TODAY));
    }
}
