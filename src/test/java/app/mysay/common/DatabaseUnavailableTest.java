package app.mysay.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class DatabaseUnavailableTest {

    @Test
    void aConnectionCutOrRefusedOrAServerShuttingDownIsUnavailability() {
        // As Hibernate Reactive reports a transaction whose connection was cut: the failure and the failed rollback.
        assertTrue(DatabaseUnavailable.causes(new CompositeException(new IllegalStateException("rollback failed"),
                new RuntimeException("wrapped", ClosedConnectionException.INSTANCE))));
        assertTrue(DatabaseUnavailable.causes(new RuntimeException(new ConnectException("Connection refused"))));
        // Seen in ScaleOutAndFaultsIT: a statement cut off by the crash (it had answered 500).
        assertTrue(DatabaseUnavailable.causes(new java.net.SocketException("Connection reset")));
        assertTrue(DatabaseUnavailable.causes(new java.nio.channels.ClosedChannelException()));
        assertTrue(DatabaseUnavailable.causes(pg("57P01")));
        assertTrue(DatabaseUnavailable.causes(pg("57P03")));
        assertTrue(DatabaseUnavailable.causes(pg("08006")));
        // The Vert.x SQL client's own words for a connection that closed under a statement or a transaction.
        assertTrue(DatabaseUnavailable.causes(new io.vertx.core.impl.NoStackTraceThrowable("Transaction already completed")));
        assertTrue(DatabaseUnavailable.causes(new RuntimeException(new io.vertx.core.impl.NoStackTraceThrowable(
                "Connection is not active now, current status: CLOSED"))));
        assertTrue(DatabaseUnavailable.causes(new io.vertx.core.impl.NoStackTraceThrowable(
                "Pending requests failed to be sent due to connection has been closed.")));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DatabaseUnavailable.causes(pg("23505")));
        assertFalse(DatabaseUnavailable.causes(pg("40001")));
        assertFalse(DatabaseUnavailable.causes(new IllegalStateException("a bug")));
        assertFalse(DatabaseUnavailable.causes(new io.vertx.core.impl.NoStackTraceThrowable("Something else")));
        assertFalse(DatabaseUnavailable.causes(new IllegalStateException("Transaction already completed")));
        RuntimeException loop = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", loop);
        loop.initCause(other);
        assertFalse(DatabaseUnavailable.causes(loop));
    }

    private static PgException pg(String sqlState) {
        return new PgException("message", "ERROR", sqlState, null);
    }
}
