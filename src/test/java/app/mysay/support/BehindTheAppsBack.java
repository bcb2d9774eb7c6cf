package app.mysay.support;

import java.util.Map;

import io.quarkus.hibernate.reactive.panache.Panache;

/**
 * What someone with the database's superuser could do without going through MySay: run a statement with the
 * triggers off (session_replication_role = replica, for this one transaction only). Tests use it to prove that the
 * audit chain notices. Test support only: the application itself never does this, and in production it connects as
 * a role that cannot (see "Audit trail" in docs/architecture.md).
 */
public final class BehindTheAppsBack {

    private BehindTheAppsBack() {
    }

    public static int run(String sql, Map<String, Object> parameters) {
        return Api.inTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select set_config('session_replication_role', 'replica', true)").getSingleResult()
                .chain(() -> {
                    var statement = session.createNativeQuery(sql);
                    parameters.forEach(statement::setParameter);
                    return statement.executeUpdate();
                })));
    }
}
