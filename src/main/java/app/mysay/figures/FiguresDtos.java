package app.mysay.figures;

import java.time.LocalDate;
import java.util.List;

import app.mysay.children.AgeBand;
import app.mysay.views.AdvocateChoice;
import app.mysay.views.AuthorshipKind;
import app.mysay.views.TakingPartWay;

/**
 * Participation figures for managers: counts, shares and times, never a child's name, reference, words or any other
 * text. A "place" is one child at one conference (a conference_child row); the views counted are each place's
 * newest sent version.
 */
public final class FiguresDtos {

    private FiguresDtos() {
    }

    public record Figures(LocalDate from, LocalDate to, Totals totals, List<AgeBandFigure> byAgeBand,
            List<RouteFigure> byRoute, Attendance attendance, AdvocateRequests advocate, ChairReading chairReading,
            HeardBack heardBack, List<MonthFigure> months) {
    }

    /** shareWithViews is placesWithViews / places (0 to 1), or null when there are no places. */
    public record Totals(long conferences, long places, long placesWithViews, Double shareWithViews) {
    }

    /** The child's age band on the day of the conference. */
    public record AgeBandFigure(AgeBand ageBand, long places, long placesWithViews) {
    }

    /** How the newest views came: the child's own words, with help, or an advocate on the child's behalf. */
    public record RouteFigure(AuthorshipKind route, long places) {
    }

    /** Out of the places with views: how many chose each way of taking part (a child may choose several). */
    public record Attendance(List<WayFigure> ways, long noWayChosen) {
    }

    public record WayFigure(TakingPartWay way, long places) {
    }

    /** Out of the places with views: what each child said about an advocate. */
    public record AdvocateRequests(List<AdvocateFigure> choices, long notAnswered) {
    }

    public record AdvocateFigure(AdvocateChoice choice, long places) {
    }

    /**
     * From the newest version being sent to the chair marking it read, over the places whose newest version the chair
     * has read: the median and 90th percentile in hours (linear interpolation, one decimal; null when none). Unread:
     * places whose newest version the chair has not marked read.
     */
    public record ChairReading(long read, long unread, Double medianHours, Double percentile90Hours) {
    }

    /** Places at conferences that were held, and how many of those children got a message from the chair. */
    public record HeardBack(long placesAtHeldConferences, long withMessage) {
    }

    /** month is YYYY-MM, by the conference date. */
    public record MonthFigure(String month, long places, long placesWithViews) {
    }
}
