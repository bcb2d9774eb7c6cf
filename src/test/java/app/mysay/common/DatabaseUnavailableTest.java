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
        // Seen in ScaleOutAndFaultsIT: the SQL client writing a transaction's statements to a socket the crash closed.
        assertTrue(DatabaseUnavailable.causes(new RuntimeException(brokenPipeFrom(
                "io.vertx.sqlclient.impl.SocketConnectionBase", "checkPending"))));
        assertTrue(DatabaseUnavailable.causes(brokenPipeFrom("io.vertx.pgclient.impl.codec.PgEncoder", "flush")));
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
        // The same words from another socket or a file are not the database being away.
        assertFalse(DatabaseUnavailable.causes(brokenPipeFrom("io.vertx.ext.mail.impl.SMTPConnection", "write")));
        assertFalse(DatabaseUnavailable.causes(new java.io.IOException("No space left on device")));
        RuntimeException loop = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", loop);
        loop.initCause(other);
        assertFalse(DatabaseUnavailable.causes(loop));
    }

    /** An IOException as Netty raises it, with the frames of whoever was writing when the socket broke. */
    private static java.io.IOException brokenPipeFrom(String type, String method) {
        java.io.IOException e = new java.io.IOException("Broken pipe");
        e.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("sun.nio.ch.FileDispatcherImpl", "write0", null, -2),
                new StackTraceElement("io.netty.channel.socket.nio.NioSocketChannel", "doWrite", null, 414),
                new StackTraceElement(type, method, null, 100)});
        return e;
    }

    private static PgException pg(String sqlState) {
        return new PgException("message", "ERROR", sqlState, null);
    }
}
