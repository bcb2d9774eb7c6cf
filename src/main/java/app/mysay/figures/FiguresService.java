package app.mysay.figures;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.common.QueryParams;
import app.mysay.figures.FiguresDtos.Figures;
import app.mysay.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class FiguresService {

    static final int MOST_YEARS = 5;

    private final FiguresRepository repository;
    private final AuditLog audit;
    private final ZoneId zone;

    FiguresService(FiguresRepository repository, AuditLog audit, @ConfigProperty(name = "mysay.zone") ZoneId zone) {
        this.repository = repository;
        this.audit = audit;
        this.zone = zone;
    }

    public record Range(LocalDate from, LocalDate to) {
    }

    /**
     * The dates asked for, both included, in mysay.zone. By default the last 12 months: from the first day of the
     * month eleven months ago up to today, so the monthly series has twelve whole or current months.
     */
    public Range range(String fromParam, String toParam) {
        QueryParams params = new QueryParams();
        LocalDate from = params.date("from", fromParam);
        LocalDate to = params.date("to", toParam);
        params.check();
        if (to == null) {
            to = LocalDate.now(zone);
        }
        if (from == null) {
            from = YearMonth.from(to).minusMonths(11).atDay(1);
        }
        if (from.isAfter(to)) {
            params.invalid("from", "must be on or before the end date");
        } else if (to.isAfter(from.plusYears(MOST_YEARS))) {
            params.invalid("to", "must be at most " + MOST_YEARS + " years after the start date");
        }
        params.check();
        return new Range(from, to);
    }

    /** The figures for the range, and an audit record that this manager read them (figures only, no child). */
    @WithTransaction
    public Uni<Figures> figures(Caller manager, Range range) {
        return repository.places(range.from().atStartOfDay(zone).toInstant(),
                range.to().plusDays(1).atStartOfDay(zone).toInstant())
                .map(places -> ParticipationFigures.compute(range.from(), range.to(), places, zone))
                .call(figures -> audit.record(manager, AuditAction.FIGURES_READ, null, null,
                        "from " + range.from() + " to " + range.to()));
    }
}
