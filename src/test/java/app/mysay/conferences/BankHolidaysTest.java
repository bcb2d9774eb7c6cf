package app.mysay.conferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.mysay.common.Timestamps;
import app.mysay.support.Api;
import app.mysay.support.LocalGovUk;
import app.mysay.support.LocalGovUk.InjectLocalGovUk;
import app.mysay.support.Management;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The bank holidays behind the views-due dates: GOV.UK's England and Wales list (served here by a local server, never
 * the internet) is fetched, kept in the database and used; a failed fetch keeps the dates known; a list that ends
 * within a year is warned about, and the days it reaches ahead are a metric.
 */
@QuarkusTest
@WithTestResource(value = LocalGovUk.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class BankHolidaysTest {

    @InjectLocalGovUk
    LocalGovUk govUk;

    /** As GOV.UK writes it, trimmed: three divisions, each with its own events. */
    static final String LIST = """
            {"england-and-wales":{"division":"england-and-wales","events":[
              {"title":"New Year’s Day","date":"2028-01-03","notes":"Substitute day","bunting":true},
              {"title":"Good Friday","date":"2028-04-14","notes":"","bunting":false},
              {"title":"Easter Monday","date":"2028-04-17","notes":"","bunting":true},
              {"title":"Christmas Day","date":"2028-12-25","notes":"","bunting":true},
              {"title":"Boxing Day","date":"2028-12-26","notes":"","bunting":true}]},
             "scotland":{"division":"scotland","events":[
              {"title":"2nd January","date":"2028-01-04","notes":"Substitute day","bunting":true}]},
             "northern-ireland":{"division":"northern-ireland","events":[
              {"title":"St Patrick’s Day","date":"2028-03-17","notes":"","bunting":true}]}}
            """;

    @Inject
    BankHolidays holidays;

    @Inject
    WorkingDays workingDays;

    @BeforeEach
    @AfterEach
    void onlyTheShippedList() {
        Api.inTransaction(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("delete from bank_holiday").executeUpdate()));
        holidays.load().await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void theOfficialListIsFetchedKeptAndUsedForTheViewsDueDates() {
        LocalDate easterMonday2028 = LocalDate.parse("2028-04-17");
        assertTrue(workingDays.isWorkingDay(easterMonday2028), "the shipped list ends in 2027");
        govUk.answer(200, LIST);

        holidays.refresh().await().atMost(Duration.ofSeconds(30));

        assertFalse(workingDays.isWorkingDay(easterMonday2028));
        assertFalse(workingDays.isWorkingDay(LocalDate.parse("2028-01-03")));
        assertTrue(workingDays.isWorkingDay(LocalDate.parse("2028-01-04")), "Scotland's holidays are not ours");
        assertTrue(workingDays.isWorkingDay(LocalDate.parse("2028-03-17")), "nor Northern Ireland's");
        assertFalse(workingDays.isWorkingDay(LocalDate.parse("2026-12-25")), "the shipped list still counts");
        // A review on Wednesday 19 April 2028: seven working days back skip Easter Monday and Good Friday.
        assertEquals(LocalDate.parse("2028-04-06"), workingDays.before(LocalDate.parse("2028-04-19"), 7));
        assertEquals(5L, stored(), "kept in the database for every instance and restart");

        // Read back from the database alone, as at start-up.
        holidays.load().await().atMost(Duration.ofSeconds(10));
        assertFalse(workingDays.isWorkingDay(easterMonday2028));
        LocalDate today = Timestamps.now().atZone(ZoneId.of("Europe/London")).toLocalDate();
        assertEquals(ChronoUnit.DAYS.between(today, LocalDate.parse("2028-12-26")),
                Management.metric("mysay_bank_holidays_ahead_days", null), 1.0);
    }

    @Test
    void aFailedFetchKeepsTheDatesKnown() {
        govUk.answer(200, LIST);
        holidays.refresh().await().atMost(Duration.ofSeconds(30));
        double failures = Management.metric("mysay_bank_holidays_refresh_failures_total", null);
        int asked = govUk.requests();

        for (String[] answer : new String[][] { { "500", "" }, { "200", "<html>Service unavailable</html>" },
                { "200", "{\"scotland\":{\"events\":[]}}" }, { "200", "{\"england-and-wales\":{\"events\":[]}}" } }) {
            govUk.answer(Integer.parseInt(answer[0]), answer[1]);
            holidays.refresh().await().atMost(Duration.ofSeconds(30));
            assertFalse(workingDays.isWorkingDay(LocalDate.parse("2028-04-17")), "kept after: " + answer[1]);
            assertEquals(5L, stored());
        }
        assertEquals(asked + 4, govUk.requests());
        assertEquals(failures + 4, Management.metric("mysay_bank_holidays_refresh_failures_total", null));
    }

    @Test
    void aListEndingWithinAYearIsWarnedAbout() {
        // The shipped list ends on 28 December 2027.
        assertEquals(LocalDate.parse("2027-12-28"), holidays.lastKnown());
        assertTrue(holidays.coverageWarning(LocalDate.parse("2027-06-01")).orElseThrow().contains("2027-12-28"));
        assertTrue(holidays.coverageWarning(LocalDate.parse("2026-12-28")).isEmpty());
        assertTrue(holidays.coverageWarning(LocalDate.parse("2026-12-29")).isPresent());
        govUk.answer(200, LIST);
        holidays.refresh().await().atMost(Duration.ofSeconds(30));
        assertTrue(holidays.coverageWarning(LocalDate.parse("2027-06-01")).isEmpty(), "fetched: far enough ahead");
    }

    private static long stored() {
        return Api.inSession(() -> Panache.getSession().flatMap(s -> s
                .createNativeQuery("select count(*) from bank_holiday", Long.class).getSingleResult()));
    }
}
