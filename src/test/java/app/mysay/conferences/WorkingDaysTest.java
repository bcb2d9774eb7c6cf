package app.mysay.conferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    private final WorkingDays workingDays = new WorkingDays(List.of(
            LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-28"), LocalDate.parse("2026-04-03"),
            LocalDate.parse("2026-04-06"))::contains);

    @Test
    void twoWorkingDaysBeforeAWednesdayIsMonday() {
        assertEquals(LocalDate.parse("2026-11-23"), workingDays.before(LocalDate.parse("2026-11-25"), 2));
    }

    @Test
    void weekendsAreSkipped() {
        // Tuesday 24 November, 2 working days back: Monday 23, Friday 20.
        assertEquals(LocalDate.parse("2026-11-20"), workingDays.before(LocalDate.parse("2026-11-24"), 2));
    }

    @Test
    void sevenWorkingDaysBeforeAReviewSpanTheWeekend() {
        // Thursday 3 December 2026: back 7 working days is Tuesday 24 November.
        assertEquals(LocalDate.parse("2026-11-24"), workingDays.before(LocalDate.parse("2026-12-03"), 7));
    }

    @Test
    void bankHolidaysAreSkipped() {
        // Tuesday 29 December 2026: Monday 28 (Boxing Day substitute) and Friday 25 (Christmas) are holidays.
        assertEquals(LocalDate.parse("2026-12-23"), workingDays.before(LocalDate.parse("2026-12-29"), 2));
        // Tuesday 7 April 2026, after Easter: Monday 6 and Friday 3 are holidays.
        assertEquals(LocalDate.parse("2026-04-01"), workingDays.before(LocalDate.parse("2026-04-07"), 2));
    }

    @Test
    void theConferenceTypeSetsTheNotice() {
        assertEquals(2, ConferenceType.INITIAL.workingDaysNotice());
        assertEquals(7, ConferenceType.REVIEW.workingDaysNotice());
    }

    @Test
    void knowsAWorkingDay() {
        assertTrue(workingDays.isWorkingDay(LocalDate.parse("2026-11-23")));
        assertFalse(workingDays.isWorkingDay(LocalDate.parse("2026-11-22")));
        assertFalse(workingDays.isWorkingDay(LocalDate.parse("2026-12-25")));
    }
}
