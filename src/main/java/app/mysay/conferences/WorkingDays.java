package app.mysay.conferences;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Counts working days (Monday to Friday, less the configured bank holidays). */
@ApplicationScoped
public class WorkingDays {

    private final Set<LocalDate> bankHolidays;

    public WorkingDays(@ConfigProperty(name = "mysay.bank-holidays") List<LocalDate> bankHolidays) {
        this.bankHolidays = Set.copyOf(bankHolidays);
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
                && !bankHolidays.contains(day);
    }
}
