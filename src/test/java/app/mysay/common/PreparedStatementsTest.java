package app.mysay.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Each connection keeps the statements it has prepared (quarkus.datasource.reactive.cache-prepared-statements), so a
 * statement run again is bound and executed, not parsed and planned again by PostgreSQL. Without the cache the client
 * prepares a one-off statement for every execution and closes it, and the connection holds none afterwards.
 */
@QuarkusTest
class PreparedStatementsTest {

    private static final String STATEMENT = "select $1::int + 1 as answer /* PreparedStatementsTest */";

    @Inject
    Pool pool;

    @Test
    void aStatementRunTwiceOnAConnectionIsPreparedOnceAndKept() throws Throwable {
        List<String> kept = VertxContextSupport.subscribeAndAwait(() -> pool.withConnection(connection -> connection
                .preparedQuery(STATEMENT).execute(Tuple.of(1))
                .chain(() -> connection.preparedQuery(STATEMENT).execute(Tuple.of(2)))
                .chain(() -> connection.query("select statement from pg_prepared_statements where not from_sql")
                        .execute())
                .map(rows -> {
                    List<String> statements = new ArrayList<>();
                    for (Row row : rows) {
                        statements.add(row.getString("statement"));
                    }
                    return statements.stream().filter(s -> s.contains("PreparedStatementsTest")).toList();
                })));
        assertEquals(1, kept.size(), "the statement should be prepared once and kept by the connection: " + kept);
    }
}
