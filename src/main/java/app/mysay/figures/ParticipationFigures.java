package app.mysay.figures;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import app.mysay.children.AgeBand;
import app.mysay.conferences.ConferenceStatus;
import app.mysay.figures.FiguresDtos.AdvocateFigure;
import app.mysay.figures.FiguresDtos.AdvocateRequests;
import app.mysay.figures.FiguresDtos.AgeBandFigure;
import app.mysay.figures.FiguresDtos.Attendance;
import app.mysay.figures.FiguresDtos.ChairReading;
import app.mysay.figures.FiguresDtos.Figures;
import app.mysay.figures.FiguresDtos.HeardBack;
import app.mysay.figures.FiguresDtos.MonthFigure;
import app.mysay.figures.FiguresDtos.RouteFigure;
import app.mysay.figures.FiguresDtos.Totals;
import app.mysay.figures.FiguresDtos.WayFigure;
import app.mysay.figures.FiguresRepository.PlaceFacts;
import app.mysay.views.AdvocateChoice;
import app.mysay.views.AuthorshipKind;
import app.mysay.views.TakingPartWay;

/** Turns the facts about each place into the figures. Pure: no database, no clock. */
final class ParticipationFigures {

    private ParticipationFigures() {
    }

    static Figures compute(LocalDate from, LocalDate to, List<PlaceFacts> places, ZoneId zone) {
        Set<UUID> conferences = new HashSet<>();
        long withViews = 0;
        Map<AgeBand, long[]> bands = new EnumMap<>(AgeBand.class);
        Map<AuthorshipKind, Long> routes = new EnumMap<>(AuthorshipKind.class);
        Map<TakingPartWay, Long> ways = new EnumMap<>(TakingPartWay.class);
        Map<AdvocateChoice, Long> advocate = new EnumMap<>(AdvocateChoice.class);
        long noWay = 0;
        long noAdvocateAnswer = 0;
        List<Double> hoursToRead = new ArrayList<>();
        long unread = 0;
        long atHeld = 0;
        long withMessage = 0;
        Map<YearMonth, long[]> months = new LinkedHashMap<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            months.put(m, new long[2]);
        }
        for (AgeBand band : AgeBand.values()) {
            bands.put(band, new long[2]);
        }
        for (AuthorshipKind kind : AuthorshipKind.values()) {
            routes.put(kind, 0L);
        }
        for (TakingPartWay way : TakingPartWay.values()) {
            ways.put(way, 0L);
        }
        for (AdvocateChoice choice : AdvocateChoice.values()) {
            advocate.put(choice, 0L);
        }

        for (PlaceFacts place : places) {
            LocalDate day = place.startsAt().atZone(zone).toLocalDate();
            boolean hasViews = place.hasViews();
            conferences.add(place.conferenceId());
            AgeBand band = place.dateOfBirth() != null ? AgeBand.of(place.dateOfBirth(), day) : place.ageBand();
            long[] bandCounts = bands.get(band);
            long[] monthCounts = months.computeIfAbsent(YearMonth.from(day), m -> new long[2]);
            bandCounts[0]++;
            monthCounts[0]++;
            if (place.status() == ConferenceStatus.HELD) {
                atHeld++;
                if (place.messageToChild()) {
                    withMessage++;
                }
            }
            if (!hasViews) {
                continue;
            }
            withViews++;
            bandCounts[1]++;
            monthCounts[1]++;
            routes.merge(place.authorship(), 1L, Long::sum);
            if (place.ways() == null || place.ways().isEmpty()) {
                noWay++;
            } else {
                place.ways().forEach(way -> ways.merge(way, 1L, Long::sum));
            }
            if (place.advocate() == null) {
                noAdvocateAnswer++;
            } else {
                advocate.merge(place.advocate(), 1L, Long::sum);
            }
            if (place.chairReadAt() != null && place.version().equals(place.chairReadVersion())) {
                hoursToRead.add(Duration.between(place.sentAt(), place.chairReadAt()).toSeconds() / 3600.0);
            } else {
                unread++;
            }
        }

        long total = places.size();
        hoursToRead.sort(null);
        return new Figures(from, to,
                new Totals(conferences.size(), total, withViews, total == 0 ? null : round(withViews / (double) total, 4)),
                bands.entrySet().stream().map(e -> new AgeBandFigure(e.getKey(), e.getValue()[0], e.getValue()[1])).toList(),
                routes.entrySet().stream().map(e -> new RouteFigure(e.getKey(), e.getValue())).toList(),
                new Attendance(ways.entrySet().stream().map(e -> new WayFigure(e.getKey(), e.getValue())).toList(), noWay),
                new AdvocateRequests(advocate.entrySet().stream().map(e -> new AdvocateFigure(e.getKey(), e.getValue()))
                        .toList(), noAdvocateAnswer),
                new ChairReading(hoursToRead.size(), unread, percentile(hoursToRead, 0.5), percentile(hoursToRead, 0.9)),
                new HeardBack(atHeld, withMessage),
                months.entrySet().stream()
                        .map(e -> new MonthFigure(e.getKey().toString(), e.getValue()[0], e.getValue()[1])).toList());
    }

    /**
     * The p-th percentile of sorted values by linear interpolation between the closest ranks (as PostgreSQL's
     * percentile_cont and spreadsheets' PERCENTILE.INC), to one decimal; null for no values.
     */
    static Double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        double rank = p * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        double value = sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
        return round(value, 1);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
