package app.mysay.conferences;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Counts working days (Monday to Friday, less the bank holidays: {@link BankHolidays}). */
@ApplicationScoped
public class WorkingDays {

    private final Predicate<LocalDate> bankHoliday;

    @Inject
    public WorkingDays(BankHolidays bankHolidays) {
        this(bankHolidays::contains);
    }

    WorkingDays(Predicate<LocalDate> bankHoliday) {
        this.bankHoliday = bankHoliday;
    }

    /** The date {@code days} working days before {@code date}: 2 before Wednesday is Monday. */
    public LocalDate before(LocalDate date, int days) {
        LocalDate day = date;
        int counted = 0;
        while (counted < days) {
            day = day.minusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    public boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !bankHoliday.test(day);
    }
}
