package app.mysay.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.mysay.audit.AuditDtos.AuditEntry;
import app.mysay.audit.AuditDtos.AuditPage;
import app.mysay.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The manager's search of the audit trail, and its CSV export. Newest first, paged by id ("before"). Each search and
 * export is itself audited, with its filters as the detail and, when the reference names one child, that child.
 */
@ApplicationScoped
public class AuditSearch {

    /** How many rows one query of the export reads at a time. */
    private static final int EXPORT_CHUNK = 5_000;

    private final AuditLog audit;
    private final ZoneId zone;
    private final int exportCap;

    AuditSearch(AuditLog audit, @ConfigProperty(name = "mysay.zone") ZoneId zone,
            @ConfigProperty(name = "mysay.audit.export-cap", defaultValue = "100000") int exportCap) {
        this.audit = audit;
        this.zone = zone;
        this.exportCap = exportCap;
    }

    public record Export(String csv, int rows, boolean capped) {
    }

    @WithTransaction
    public Uni<AuditPage> search(Caller manager, AuditQuery query) {
        return children(query).flatMap(childIds -> page(query, childIds, query.before(), query.limit() + 1)
                .map(rows -> rows.size() > query.limit()
                        ? new AuditPage(rows.subList(0, query.limit()), rows.get(query.limit() - 1).id())
                        : new AuditPage(rows, null))
                .call(page -> audit.record(manager, AuditAction.AUDIT_SEARCHED, only(childIds), null, query.summary())));
    }

    /** At most the cap's worth of rows (read a chunk at a time), and whether there were more. */
    @WithTransaction
    public Uni<Export> export(Caller manager, AuditQuery query) {
        return children(query).flatMap(childIds -> collect(query, childIds, query.before(), new ArrayList<>())
                .map(rows -> new Export(AuditCsv.write(rows, exportCap), Math.min(rows.size(), exportCap),
                        rows.size() > exportCap))
                .call(export -> audit.record(manager, AuditAction.AUDIT_EXPORTED, only(childIds), null,
                        query.summary() + " rows=" + export.rows() + (export.capped() ? " capped" : ""))));
    }

    public int exportCap() {
        return exportCap;
    }

    private Uni<List<AuditEntry>> collect(AuditQuery query, List<UUID> childIds, Long before, List<AuditEntry> rows) {
        int wanted = Math.min(EXPORT_CHUNK, exportCap + 1 - rows.size());
        return page(query, childIds, before, wanted).flatMap(chunk -> {
            rows.addAll(chunk);
            if (chunk.size() < wanted || rows.size() > exportCap) {
                return Uni.createFrom().item(rows);
            }
            return collect(query, childIds, chunk.get(chunk.size() - 1).id(), rows);
        });
    }

    /** The children a reference names, case-insensitively (null: no reference asked for). */
    private Uni<List<UUID>> children(AuditQuery query) {
        if (query.childReference() == null) {
            return Uni.createFrom().nullItem();
        }
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                "select c.id from Child c where lower(c.caseReference) = lower(:reference)", UUID.class)
                .setParameter("reference", query.childReference())
                .getResultList());
    }

    private Uni<List<AuditEntry>> page(AuditQuery query, List<UUID> childIds, Long before, int size) {
        if (childIds != null && childIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        StringBuilder hql = new StringBuilder("select a.id, a.at, s.displayName, a.actorRole, a.action, c.caseReference, "
                + "a.conferenceId, a.detail from AuditEvent a "
                // A child's actor id is the child's id: never look it up among staff, and never show the child's name.
                + "left join StaffAccount s on s.id = a.actorId and a.actorRole <> 'CHILD' "
                + "left join Child c on c.id = a.childId where 1 = 1");
        if (childIds != null) {
            hql.append(" and a.childId in :children");
        }
        if (query.personId() != null) {
            hql.append(" and a.actorId = :person");
        }
        if (query.from() != null) {
            hql.append(" and a.at >= :from");
        }
        if (query.to() != null) {
            hql.append(" and a.at < :until");
        }
        if (query.action() != null) {
            hql.append(" and a.action = :action");
        }
        if (before != null) {
            hql.append(" and a.id < :before");
        }
        hql.append(" order by a.id desc");
        return Panache.getSession().flatMap(session -> {
            var select = session.createSelectionQuery(hql.toString(), Object[].class).setMaxResults(size);
            if (childIds != null) {
                select.setParameter("children", childIds);
            }
            if (query.personId() != null) {
                select.setParameter("person", query.personId());
            }
            if (query.from() != null) {
                select.setParameter("from", query.from().atStartOfDay(zone).toInstant());
            }
            if (query.to() != null) {
                select.setParameter("until", query.to().plusDays(1).atStartOfDay(zone).toInstant());
            }
            if (query.action() != null) {
                select.setParameter("action", query.action());
            }
            if (before != null) {
                select.setParameter("before", before);
            }
            return select.getResultList();
        }).map(rows -> rows.stream().map(r -> new AuditEntry((Long) r[0], (Instant) r[1], (String) r[2],
                (String) r[3], (AuditAction) r[4], (String) r[5], (UUID) r[6], (String) r[7])).toList());
    }

    private static UUID only(List<UUID> childIds) {
        return childIds != null && childIds.size() == 1 ? childIds.get(0) : null;
    }
}
